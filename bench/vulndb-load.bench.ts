/**
 * bench:vulndb — loading OSV archives into the advisory store (docs/vulndb.md "Loading OSV"; figures
 * in docs/benchmarks.md). Never part of the test suite.
 *
 *  1. A synthetic archive of BENCH_VULNDB_RECORDS (300,000) records shaped like the conformance
 *     records (bench/vulndb-archive.ts) is loaded by OsvSyncService into a fresh PostgreSQL
 *     database: records/s, against the same run's floor — COPY of the very rows it stored, table by
 *     table, into empty copies with the same indexes (no parsing, no validation, no upsert).
 *  2. The same archive again, nothing changed: records/s, against the same run's reading floor (the
 *     archive unzipped, nothing else).
 *  3. With --big (BENCH_VULNDB_BIG_MB, 1,024): peak RSS of a child process streaming an archive of
 *     that size into another fresh database, against the same child's RSS before it starts.
 *
 * BENCH_VULNDB_ARCHIVE and BENCH_VULNDB_BIG_ARCHIVE name archives kept between runs (generated when
 * missing). CPU seconds of node and of the PostgreSQL backends are printed beside each rate.
 *
 *   npm run bench:vulndb [-- --big]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { OSV_LIMITS } from '@vigil/contract';
import { createDatabase, createUnitOfWork } from '@vigil/db';
import { cvssScorer, OsvSyncService, readZipEntries } from '@vigil/vulndb';
import { freshDatabase } from '../test/support/postgres.ts';
import { loadTemplates, writeArchive } from './vulndb-archive.ts';

const RECORDS_DIR = fileURLToPath(new URL('../../shared/conformance/osv/records', import.meta.url));
const RECORDS = Number(process.env.BENCH_VULNDB_RECORDS ?? 300_000);
const BIG_MB = Number(process.env.BENCH_VULNDB_BIG_MB ?? 1024);
const TABLES = [
  'advisories',
  'advisory_aliases',
  'advisory_affected',
  'advisory_severities',
  'advisory_cwes',
  'advisory_alias_groups',
  'advisory_alias_group_members',
];

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) a process has used, from /proc (PostgreSQL's backends are local). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU spent in this process and in the PostgreSQL backends, which the load average hides. */
interface CpuUse {
  node: number;
  postgres: number;
}

async function loadArchive(
  url: string,
  path: string,
): Promise<{ seconds: number; cpu: CpuUse; run: Record<string, unknown> }> {
  const handle = await createDatabase({ databaseUrl: url, dataDir: '', poolSize: 4 });
  try {
    const service = new OsvSyncService(createUnitOfWork(handle.db), cvssScorer, { batchSize: 1000 });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await service.load(readZipEntries(path, OSV_LIMITS.recordBytes), {
      source: 'osv',
      ecosystem: 'bench',
      origin: path,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // The pool's backends were started for this load: their whole CPU time is the load's.
    const backends = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(handle.db);
    const postgres = backends.rows.reduce((sum, b) => sum + cpuSeconds(b.pid), 0);
    return { seconds, cpu: { node: (cpu.user + cpu.system) / 1e6, postgres }, run };
  } finally {
    await handle.close();
  }
}

function cpuLine(records: number, cpu: CpuUse): string {
  const total = cpu.node + cpu.postgres;
  const spent = `node ${cpu.node.toFixed(1)} s + PostgreSQL ${cpu.postgres.toFixed(1)} s`;
  return `CPU: ${spent} = ${rate(records, total)} records per CPU-second`;
}

/** COPY of the stored rows of every advisory table into empty copies of it (same indexes). */
async function copyFloor(url: string): Promise<{ seconds: number; rows: number; cpu: CpuUse }> {
  const from = new pg.Client({ connectionString: url });
  const to = new pg.Client({ connectionString: url });
  await from.connect();
  await to.connect();
  try {
    for (const t of TABLES) await to.query(`CREATE TABLE bench_${t} (LIKE ${t} INCLUDING ALL)`);
    let rows = 0;
    const pids = await Promise.all(
      [from, to].map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid),
    );
    const pg0 = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of TABLES) {
      const sink = to.query(copyStreams.from(`COPY bench_${t} FROM STDIN`));
      await pipeline(from.query(copyStreams.to(`COPY ${t} TO STDOUT`)), sink);
      rows += Number(sink.rowCount ?? 0);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const postgres = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - pg0;
    return { seconds, rows, cpu: { node: (cpu.user + cpu.system) / 1e6, postgres } };
  } finally {
    await from.end();
    await to.end();
  }
}

/** Unzipping every record, nothing else: what a re-sync cannot go below. */
async function readFloor(path: string): Promise<number> {
  const t0 = performance.now();
  let chars = 0;
  for await (const item of readZipEntries(path, OSV_LIMITS.recordBytes)) if ('text' in item) chars += item.text.length;
  if (chars === 0) throw new Error('the archive holds no records');
  return (performance.now() - t0) / 1000;
}

function rssKb(): number {
  return process.resourceUsage().maxRSS;
}

/** Child mode: streams one archive into one database and prints its RSS before and at peak. */
async function rssChild(url: string, path: string): Promise<void> {
  const before = Number(
    (await import('node:fs')).readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\s+(\d+)/)?.[1],
  );
  const { seconds, run } = await loadArchive(url, path);
  console.log(JSON.stringify({ beforeKb: before, peakKb: rssKb(), seconds, read: run.read, invalid: run.invalid }));
}

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');

async function main(): Promise<void> {
  if (process.argv[2] === '--rss-child') return rssChild(process.argv[3], process.argv[4]);
  if (!existsSync(RECORDS_DIR)) {
    console.error('../shared/conformance/osv/records is absent: no record shapes to generate an archive from');
    process.exit(1);
  }
  const templates = loadTemplates(RECORDS_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-vulndb-'));
  try {
    const archive = await ensureArchive(process.env.BENCH_VULNDB_ARCHIVE ?? join(dir, 'all.zip'), () =>
      writeArchive(process.env.BENCH_VULNDB_ARCHIVE ?? join(dir, 'all.zip'), templates, RECORDS),
    );
    const db = await freshDatabase();
    try {
      const first = await loadArchive(db.url, archive);
      const records = Number(first.run.read);
      const floor = await copyFloor(db.url);
      console.log(
        `load:    ${rate(records, first.seconds)} records/s (${first.seconds.toFixed(1)} s; ` +
          `inserted ${first.run.inserted}, invalid ${first.run.invalid}) — target ≥ 5,000/s`,
      );
      console.log(
        `  floor: COPY of the same ${floor.rows.toLocaleString('en')} rows in ${floor.seconds.toFixed(1)} s = ` +
          `${rate(records, floor.seconds)} records/s; ` +
          `load takes ${(first.seconds / floor.seconds).toFixed(1)}x the COPY`,
      );
      console.log(`  ${cpuLine(records, first.cpu)}; the COPY: ${cpuLine(records, floor.cpu)}`);
      const again = await loadArchive(db.url, archive);
      const reading = await readFloor(archive);
      console.log(
        `re-sync: ${rate(records, again.seconds)} records/s (${again.seconds.toFixed(1)} s; ` +
          `unchanged ${again.run.unchanged}) — target ≥ 50,000/s`,
      );
      console.log(
        `  floor: unzip only ${rate(records, reading)} records/s (${reading.toFixed(1)} s); ` +
          `re-sync takes ${(again.seconds / reading).toFixed(2)}x`,
      );
      console.log(`  ${cpuLine(records, again.cpu)}`);
    } finally {
      await db.drop();
    }
    if (process.argv.includes('--big')) await bigArchive(dir, templates);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The archive at `path`: generated unless it exists (BENCH_VULNDB_ARCHIVE / BENCH_VULNDB_BIG_ARCHIVE
 * name a file kept between runs, as generating 300,000 records takes minutes on a loaded machine).
 */
async function ensureArchive(path: string, generate: () => Promise<number>): Promise<string> {
  let made = 'reused';
  if (!existsSync(path)) {
    const t0 = performance.now();
    await generate();
    made = `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }
  console.log(`archive: ${path}, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB, ${made}`);
  return path;
}

async function bigArchive(dir: string, templates: ReturnType<typeof loadTemplates>): Promise<void> {
  const pad = 8 * 1024;
  const count = Math.ceil((BIG_MB * 2 ** 20) / (pad + 3000));
  const target = process.env.BENCH_VULNDB_BIG_ARCHIVE ?? join(dir, 'big.zip');
  const path = await ensureArchive(target, () => writeArchive(target, templates, count, { padBytes: pad }));
  const size = statSync(path).size;
  const db = await freshDatabase();
  try {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', db.url, path],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
    console.log(
      `rss:     peak ${(r.peakKb / 1024).toFixed(0)} MB streaming ${(size / 2 ** 20).toFixed(0)} MiB ` +
        `(${r.read} records in ${r.seconds.toFixed(1)} s) — target < 400 MB; ` +
        `the same process before loading: ${(r.beforeKb / 1024).toFixed(0)} MB`,
    );
  } finally {
    await db.drop();
  }
}

await main();
