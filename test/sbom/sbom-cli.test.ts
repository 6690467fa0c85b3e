// `vigil sbom import --engagement <id> <file>` against a listening server (the real app on PostgreSQL).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

const BIN = fileURLToPath(new URL('../../bin/vigil.mjs', import.meta.url));

let db: TestDatabase;
let h: Harness;
let owner: TestUser;
let url: string;
let dir: string;
let engagementId: number;

function vigil(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, VIGIL_LOG_LEVEL: 'warn' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return once(child, 'close').then(([status]) => ({ status: status as number | null, stdout, stderr }));
}

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  owner = await h.user('owner');
  const k = db.handle.db;
  const type = await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('apps') RETURNING id`.execute(k);
  const product = await sql<{ id: number }>`
    INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, 'shop') RETURNING id`.execute(k);
  await sql`INSERT INTO memberships (user_id, product_id, role)
    VALUES (${owner.id}, ${product.rows[0].id}, 'Owner')`.execute(k);
  const engagement = await sql<{ id: number }>`
    INSERT INTO engagements (product_id, name, target_start, target_end)
    VALUES (${product.rows[0].id}, '1.0', '2026-01-01', '2026-01-02') RETURNING id`.execute(k);
  engagementId = engagement.rows[0].id;
  url = await h.app.listen({ port: 0, host: '127.0.0.1' });
  dir = await mkdtemp(join(tmpdir(), 'vigil-sbom-cli-'));
});

after(async () => {
  await h.close();
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

test('vigil sbom import uploads an SBOM, says when it is unchanged, and reports a refusal with its path', async () => {
  const spdx = join(dir, 'shop.spdx.json');
  await writeFile(
    spdx,
    JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'shop',
      documentNamespace: 'https://example.com/shop',
      creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: test'] },
      packages: [
        { SPDXID: 'SPDXRef-a', name: 'a', versionInfo: '1.0.0', downloadLocation: 'NOASSERTION' },
        { SPDXID: 'SPDXRef-b', name: 'b', versionInfo: '2.0.0', downloadLocation: 'NOASSERTION' },
      ],
      relationships: [{ spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-b' }],
    }),
  );
  const args = ['sbom', 'import', '--engagement', String(engagementId), '--url', url, '--token', owner.token];
  const first = await vigil([...args, spdx]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Imported 2 components and 1 dependencies \(spdx-json 2\.3\)/);
  const second = await vigil([...args, spdx]);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /Unchanged: .* nothing was written/);
  const bad = join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'x' }] }));
  const refused = await vigil([...args, bad]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /SBOM import failed \(422\): SBOM refused at \/components\/0: must have required/);
});
