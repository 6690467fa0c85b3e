/**
 * Foundation figures (issue 2), each with its baseline measured in the same run:
 *  1. `vigil start` → /readyz 200 on the embedded database, warm (data dir already initialized).
 *  2. Idle server RSS.
 *  3. GET /api/v1/findings?severity=High&active=true&limit=50 with 1,000,000 findings in PostgreSQL
 *     at 32 concurrent clients, against a bare Fastify route returning a constant (the ceiling):
 *     `vigil server` as it runs by default (read caches on), and with the read caches off.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { freshDatabase } from '../test/support/postgres.ts';
import { BIN, load, rssMb, startVigil, stop, table, waitReady } from './support.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);

async function startupAndRss() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const env = { VIGIL_DATA_DIR: dataDir, VIGIL_PORT: '18181', VIGIL_HOST: '127.0.0.1' };
  let child = startVigil(['start'], env);
  const cold = await waitReady('http://127.0.0.1:18181/readyz');
  await stop(child);
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    child = startVigil(['start'], env);
    warm.push(await waitReady('http://127.0.0.1:18181/readyz'));
    if (i < 2) await stop(child);
  }
  await new Promise((r) => setTimeout(r, 5000));
  const rss = await rssMb(child.pid!);
  await stop(child);
  // Baseline: node starting and serving one constant route (the floor of any start).
  const t0 = performance.now();
  execFileSync(process.execPath, [
    '-e',
    "require('http').createServer((q,s)=>s.end('ok')).listen(18182,()=>process.exit(0))",
  ]);
  const nodeFloor = performance.now() - t0;
  return { cold, warm: Math.max(...warm), rss, nodeFloor };
}

async function findingsLoad() {
  const db = await freshDatabase();
  try {
    const t0 = performance.now();
    const k = db.handle.db;
    await sql`INSERT INTO product_types (name) SELECT 'PT ' || g FROM generate_series(1, 10) g`.execute(k);
    await sql`INSERT INTO products (name, product_type_id) SELECT 'Product ' || g, 1 + g % 10
      FROM generate_series(1, 100) g`.execute(k);
    await sql`INSERT INTO engagements (product_id, name, target_start, target_end)
      SELECT id, 'E', '2026-01-01', '2026-12-31' FROM products`.execute(k);
    await sql`INSERT INTO tests (engagement_id, scan_type) SELECT id, 'Bench' FROM engagements`.execute(k);
    await sql`
      INSERT INTO findings (test_id, engagement_id, product_id, title, severity, numerical_severity, active, hash_code,
        date)
        SELECT t.id, e.id, e.product_id, 'Finding ' || g, (ARRAY['Critical','High','Medium','Low','Info'])[1 + g % 5],
          g % 5,
               g % 3 <> 0, md5(g::text), DATE '2026-01-01' + (g % 300)
        FROM generate_series(1, ${FINDINGS}::int) g
        JOIN tests t ON t.id = 1 + g % 100 JOIN engagements e ON e.id = t.engagement_id`.execute(k);
    // Vacuum now, so autovacuum of a million fresh rows does not run during the measurement.
    await sql`VACUUM (ANALYZE) findings`.execute(k);
    const loadSeconds = (performance.now() - t0) / 1000;
    const env = {
      DATABASE_URL: db.url,
      VIGIL_PORT: '18183',
      VIGIL_HOST: '127.0.0.1',
      VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-bench-')),
    };
    execFileSync(process.execPath, [BIN, 'user', 'create', 'benchadmin', '--admin', '--password', 'bench password'], {
      env: { ...process.env, ...env },
    });
    execFileSync(process.execPath, [BIN, 'user', 'create', 'benchreader', '--password', 'bench password'], {
      env: { ...process.env, ...env },
    });
    const adminToken = execFileSync(process.execPath, [BIN, 'token', 'create', '--user', 'benchadmin'], {
      env: { ...process.env, ...env },
    })
      .toString()
      .trim();
    const readerToken = execFileSync(process.execPath, [BIN, 'token', 'create', '--user', 'benchreader'], {
      env: { ...process.env, ...env },
    })
      .toString()
      .trim();
    await sql`INSERT INTO memberships (user_id, product_type_id, role) SELECT id, 3, 'Reader' FROM users
      WHERE username = 'benchreader'`.execute(db.handle.db);
    const server = startVigil(['server'], env);
    await waitReady('http://127.0.0.1:18183/readyz');
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = await rssMb(server.pid!);
    const url = 'http://127.0.0.1:18183/api/v1/findings?severity=High&active=true&limit=50';
    await load(url, { authorization: `Token ${adminToken}` }, 32, 3); // warm-up
    const admin = await load(url, { authorization: `Token ${adminToken}` });
    const adminGzip = await load(url, { authorization: `Token ${adminToken}`, 'accept-encoding': 'gzip, deflate' });
    const reader = await load(url, { authorization: `Token ${readerToken}` });
    const cacheLines = (await (await fetch('http://127.0.0.1:18183/metrics')).text())
      .split('\n')
      .filter((l) => l.startsWith('vigil_read_cache_lookups_total'));
    await new Promise((r) => setTimeout(r, 5000));
    const serverRss = await rssMb(server.pid!);
    await stop(server);
    // The same server with the read caches off: every request reads PostgreSQL.
    const uncachedServer = startVigil(['server'], { ...env, VIGIL_READ_CACHE_TTL_MS: '0' });
    await waitReady('http://127.0.0.1:18183/readyz');
    await load(url, { authorization: `Token ${adminToken}` }, 32, 3); // warm-up
    const uncached = await load(url, { authorization: `Token ${adminToken}` });
    await stop(uncachedServer);

    const bare = Fastify();
    bare.get('/constant', async () => ({ items: [], nextCursor: null }));
    await bare.listen({ port: 18184, host: '127.0.0.1' });
    await load('http://127.0.0.1:18184/constant', {}, 32, 3);
    const ceiling = await load('http://127.0.0.1:18184/constant', {});
    await bare.close();
    return { loadSeconds, admin, adminGzip, reader, uncached, ceiling, serverRss, idleRss, cacheLines };
  } finally {
    await db.drop();
  }
}

const s = await startupAndRss();
console.log('\nStart-up and memory (embedded database)');
table([
  { figure: 'vigil start → /readyz, cold (initdb + migrations)', ms: Math.round(s.cold) },
  { figure: 'vigil start → /readyz, warm (worst of 3)', ms: Math.round(s.warm), target: '< 3000' },
  { figure: 'baseline: bare node process start + listen', ms: Math.round(s.nodeFloor) },
  { figure: 'idle RSS of vigil start (all roles + embedded PGlite), MB', ms: Math.round(s.rss) },
]);
const f = await findingsLoad();
console.log(
  `\nFindings list with ${FINDINGS.toLocaleString()} findings in PostgreSQL (loaded in ${f.loadSeconds.toFixed(1)} ` +
    `s), 32 connections, 10 s`,
);
table([
  {
    case: 'admin: severity=High&active=true&limit=50',
    'req/s': Math.round(f.admin.rps),
    'p50 ms': f.admin.p50,
    'p99 ms': f.admin.p99,
    errors: f.admin.errors + f.admin.non2xx,
  },
  {
    case: 'admin, client accepts gzip (as browsers, curl --compressed)',
    'req/s': Math.round(f.adminGzip.rps),
    'p50 ms': f.adminGzip.p50,
    'p99 ms': f.adminGzip.p99,
    errors: f.adminGzip.errors + f.adminGzip.non2xx,
  },
  {
    case: 'reader (1 of 10 product types)',
    'req/s': Math.round(f.reader.rps),
    'p50 ms': f.reader.p50,
    'p99 ms': f.reader.p99,
    errors: f.reader.errors + f.reader.non2xx,
  },
  {
    case: 'admin, read caches off (VIGIL_READ_CACHE_TTL_MS=0)',
    'req/s': Math.round(f.uncached.rps),
    'p50 ms': f.uncached.p50,
    'p99 ms': f.uncached.p99,
    errors: f.uncached.errors + f.uncached.non2xx,
  },
  {
    case: 'ceiling: bare Fastify constant route',
    'req/s': Math.round(f.ceiling.rps),
    'p50 ms': f.ceiling.p50,
    'p99 ms': f.ceiling.p99,
    errors: f.ceiling.errors + f.ceiling.non2xx,
  },
]);
console.log(
  `RSS of vigil server on PostgreSQL: idle after start ${Math.round(f.idleRss)} MB (target < 200), after the ` +
    `load ${Math.round(f.serverRss)} MB`,
);
console.log(
  `admin throughput = ${((100 * f.admin.rps) / f.ceiling.rps).toFixed(1)}% of the ceiling (target ≥ 30%); p99 target ` +
    `< 25 ms`,
);
console.log(`admin, gzip-accepting client: ${((100 * f.adminGzip.rps) / f.ceiling.rps).toFixed(1)}% of the ceiling`);
console.log(`read caches off: ${((100 * f.uncached.rps) / f.ceiling.rps).toFixed(1)}% of the ceiling`);
console.log(`read cache lookups during the three cached runs:\n  ${f.cacheLines.join('\n  ')}`);
process.exit(0);
