import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { sql } from 'kysely';
import type { VulndbSyncSource } from '@vigil/contract';
import { VulndbSyncRunService } from '@vigil/core';
import {
  effectiveSchedules,
  ensureJobQueues,
  jobDefinitions,
  jobMetricsRegistry,
  vulndbHandlers,
  vulndbSchedule,
} from '@vigil/jobs';
import { OsvSyncService, createNvdSync, cvssScorer } from '@vigil/vulndb';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

const META = { jobId: 'test', retryCount: 0, final: false };

const record = (id: string, modified = '2024-01-01T00:00:00Z') =>
  JSON.stringify({
    id,
    modified,
    affected: [{ package: { ecosystem: 'npm', name: id.toLowerCase() }, versions: ['1.0.0'] }],
  });

async function zipOf(path: string, entries: [string, string][]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of entries) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}

let db: TestDatabase;
let dir: string;
let archive: string;

const handlersFor = (sources: VulndbSyncSource[]) =>
  vulndbHandlers({
    osv: (onProgress) => new OsvSyncService(db.uow, cvssScorer, { batchSize: 2, onProgress }),
    nvd: createNvdSync({
      uow: db.uow,
      loader: (onProgress) => new OsvSyncService(db.uow, cvssScorer, { batchSize: 2, onProgress }),
    }),
    syncRuns: new VulndbSyncRunService(db.uow, sources),
    sources,
  });

const metric = async (name: string, labels: string) => {
  const line = (await jobMetricsRegistry.metrics()).split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

before(async () => {
  db = await freshDatabase();
  await ensureJobQueues(db.uow, jobDefinitions);
  dir = await mkdtemp(join(tmpdir(), 'vulndb-job-'));
  archive = join(dir, 'all.zip');
  await zipOf(archive, [
    ['GHSA-0001.json', record('GHSA-0001-0001-0001')],
    ['GHSA-0002.json', record('GHSA-0002-0002-0002')],
    ['GHSA-0003.json', record('GHSA-0003-0003-0003')],
    ['broken.json', '{"id": "GHSA-bad0-bad0-bad0", "modified": "yesterday"}'],
  ]);
});
after(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

test('vulndb.sync loads an OSV archive: counts in the run row, Prometheus metrics, a second run skips', async () => {
  const source: VulndbSyncSource = { source: 'osv', ecosystem: 'npm', url: archive };
  const handlers = handlersFor([source]);
  await handlers['vulndb.sync']?.(source, META);
  const [first] = (await db.uow.repos.vulndbSyncRuns.list({ limit: 1 })).items;
  assert.equal(first.status, 'succeeded');
  assert.deepEqual(
    [first.read, first.inserted, first.unchanged, first.invalid],
    [4, 3, 0, 1],
    'three records stored, the broken one refused by its id',
  );
  assert.equal(first.invalid_records[0].id, 'GHSA-bad0-bad0-bad0');
  assert.equal(await metric('vigil_vulndb_records_total', 'source="osv:npm",outcome="inserted"'), 3);
  assert.equal(await metric('vigil_vulndb_records_total', 'source="osv:npm",outcome="invalid"'), 1);
  const success = await metric('vigil_vulndb_last_success_timestamp_seconds', 'source="osv:npm"');
  assert.ok(success !== undefined && Math.abs(success - Date.now() / 1000) < 60);

  // Run twice (a retry, a second occurrence): nothing is written again.
  await handlers['vulndb.sync']?.(source, META);
  const [second] = (await db.uow.repos.vulndbSyncRuns.list({ limit: 1 })).items;
  assert.deepEqual([second.read, second.inserted, second.updated, second.unchanged], [4, 0, 0, 3]);
  assert.equal(await metric('vigil_vulndb_records_total', 'source="osv:npm",outcome="unchanged"'), 3);
  const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM advisories`.execute(db.handle.db);
  assert.equal(stored.rows[0].n, 3);
});

test('an archive that cannot be read is a failed run in the history, and the job fails', async () => {
  const source: VulndbSyncSource = { source: 'osv', ecosystem: 'PyPI', url: join(dir, 'missing.zip') };
  await assert.rejects(handlersFor([source])['vulndb.sync']!(source, META), /no such file/);
  const [run] = (await db.uow.repos.vulndbSyncRuns.list({ limit: 1 })).items;
  assert.deepEqual([run.source, run.ecosystem, run.status], ['osv', 'PyPI', 'failed']);
  assert.match(run.error ?? '', /missing\.zip: no such file/);
  assert.equal(await metric('vigil_vulndb_sync_runs_total', 'source="osv:PyPI",status="failed"'), 1);
});

test('the scheduled occurrence queues one vulndb.sync per source; the cron comes from the setting', async () => {
  const sources: VulndbSyncSource[] = [
    { source: 'osv', ecosystem: 'Go', url: join(dir, 'go.zip') },
    { source: 'osv', ecosystem: 'crates.io', url: join(dir, 'crates.zip') },
  ];
  await handlersFor(sources)['vulndb.sync-scheduled']?.({}, META);
  const queued = await sql<{ data: VulndbSyncSource }>`
    SELECT data FROM pgboss.job WHERE name = 'vulndb.sync'`.execute(db.handle.db);
  const byUrl = (list: VulndbSyncSource[]) => list.map((s) => JSON.stringify(s, ['source', 'ecosystem', 'url'])).sort();
  assert.deepEqual(byUrl(queued.rows.map((r) => r.data)), byUrl(sources));
  assert.deepEqual(
    effectiveSchedules(jobDefinitions, vulndbSchedule('0 3 * * *')).filter((s) => s.name.startsWith('vulndb')),
    [{ name: 'vulndb.sync-scheduled', cron: '0 3 * * *' }],
  );
  assert.deepEqual(
    effectiveSchedules(jobDefinitions, vulndbSchedule('off')).filter((s) => s.name.startsWith('vulndb')),
    [],
  );
});

test('vulndb.sync reads NVD pages through the NVD sync: a run of source nvd with its counts and metrics', async () => {
  const pages = fileURLToPath(new URL('../../packages/vulndb/src/nvd/fixtures/', import.meta.url));
  const source: VulndbSyncSource = { source: 'nvd', url: pages };
  await handlersFor([source])['vulndb.sync']?.(source, META);
  const [run] = (await db.uow.repos.vulndbSyncRuns.list({ source: 'nvd', limit: 1 })).items;
  assert.equal(run.status, 'succeeded');
  assert.ok(run.inserted > 0, 'NVD records stored');
  assert.equal(await metric('vigil_vulndb_records_total', 'source="nvd",outcome="inserted"'), run.inserted);
  assert.ok((await metric('vigil_vulndb_last_success_timestamp_seconds', 'source="nvd"')) !== undefined);
});
