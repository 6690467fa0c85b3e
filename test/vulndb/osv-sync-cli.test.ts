import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

// ../shared/conformance/osv/ (ossf/osv-schema: the osv-linter's real records).
const RECORDS = fileURLToPath(new URL('../../../shared/conformance/osv/records/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/vigil.mjs', import.meta.url));

let db: TestDatabase;
let dir: string;
let server: Server;

/** Runs the CLI to completion (asynchronously: the test's HTTP server must keep answering meanwhile). */
function vigil(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: db.url, VIGIL_LOG_LEVEL: 'warn' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return once(child, 'close').then(([status]) => ({ status: status as number | null, stdout, stderr }));
}

before(async () => {
  db = await freshDatabase();
  dir = await mkdtemp(join(tmpdir(), 'vigil-osv-cli-'));
  server = createServer((req, res) => {
    if (req.url !== '/npm/all.zip') return res.writeHead(404).end();
    createReadStream(join(dir, 'all.zip')).pipe(res);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
});
after(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
  await db.drop();
});

test('vigil vulndb sync osv loads an archive, reports invalid records by id, skips them all again', async (t) => {
  if (!existsSync(RECORDS)) return t.skip('../shared/conformance/osv is absent: no archive to load');
  const valid = readdirSync(RECORDS).filter((n) => !/^(nointroduced|nondistinct|nopackage)-/.test(n));
  const invalid = JSON.parse(readFileSync(`${RECORDS}nointroduced-CVE-2023-41045.json`, 'utf8'));
  invalid.id = 'CVE-2023-99999';
  const zip = new yazl.ZipFile();
  for (const name of valid) zip.addFile(`${RECORDS}${name}`, name);
  zip.addBuffer(Buffer.from(JSON.stringify(invalid)), 'CVE-2023-99999.json');
  zip.addBuffer(Buffer.from('{"id": "GHSA-cut'), 'GHSA-cut.json');
  zip.end();
  const out = createWriteStream(join(dir, 'all.zip'));
  zip.outputStream.pipe(out);
  await once(out, 'close');

  const first = await vigil(['vulndb', 'sync', 'osv', '--ecosystem', 'npm', '--from', join(dir, 'all.zip')]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /succeeded .*read 11 {2}inserted 9 {2}updated 0 {2}unchanged 0 {2}invalid 2/);
  assert.match(
    first.stdout,
    /invalid CVE-2023-99999: affected\.0\.ranges\.0\.events: events must contain an introduced/,
  );
  assert.match(first.stdout, /invalid GHSA-cut\.json: not JSON/);

  const { port } = server.address() as { port: number };
  const again = await vigil([
    'vulndb',
    'sync',
    'osv',
    '--ecosystem',
    'npm',
    '--from',
    `http://127.0.0.1:${port}/npm/all.zip`,
  ]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /read 11 {2}inserted 0 {2}updated 0 {2}unchanged 9 {2}invalid 2/);
  const runs = await db.handle.db
    .selectFrom('vulndb_sync_runs')
    .select(['source', 'ecosystem', 'origin', 'status'])
    .orderBy('id')
    .execute();
  assert.deepEqual(
    runs.map((r) => [r.source, r.ecosystem, r.status]),
    [
      ['osv', 'npm', 'succeeded'],
      ['osv', 'npm', 'succeeded'],
    ],
  );
  assert.equal(runs[1].origin, `http://127.0.0.1:${port}/npm/all.zip`);
});

test('vigil vulndb import stores one record, and refuses an invalid one naming it', async (t) => {
  if (!existsSync(RECORDS)) return t.skip('../shared/conformance/osv is absent: no record to import');
  const ok = await vigil(['vulndb', 'import', `${RECORDS}GO-2024-2963.json`]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /GO-2024-2963: (inserted|unchanged)/);
  const bad = join(dir, 'bad.json');
  await writeFile(bad, readFileSync(`${RECORDS}nondistinct-CVE-2018-5407.json`));
  const refused = await vigil(['vulndb', 'import', bad]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /CVE-2018-5407 is not a valid OSV record: .*not distinct/);
  const missing = await vigil(['vulndb', 'sync', 'osv', '--ecosystem', 'npm', '--from', join(dir, 'nothing.zip')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nothing\.zip: no such file/);
});
