/**
 * The web UI's data calls with 1,000,000 findings in PostgreSQL (issue 5: the findings table and the
 * dashboard stay responsive). Each call is timed sequentially, in process (Fastify inject, API
 * token), median and worst of 5 after a warm-up; the baseline in the same run is /healthz. Reads run
 * as an administrator and as a reader of one product type (10 of the 100 products). The write row
 * times a bulk close + reopen of 500 findings, with the summary triggers (migration 0011) and, as
 * their cost's reference, with them switched off (a close + reopen pair leaves the summaries as
 * they were, so they stay exact for the rows after it).
 *
 *   npm run bench:ui          (BENCH_FINDINGS=200000 for a quicker run)
 */
import { sql } from 'kysely';
import { ApiTokenService, SYSTEM_ACTOR, UserService } from '@vigil/core';
import { freshDatabase } from '../test/support/postgres.ts';
import { createHarness } from '../test/support/harness.ts';

const N = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const db = await freshDatabase();
try {
  const k = db.handle.db;
  const t0 = performance.now();
  await sql`INSERT INTO product_types (name) SELECT 'PT ' || g FROM generate_series(1, 10) g`.execute(k);
  await sql`INSERT INTO products (name, product_type_id) SELECT 'Product ' || g, 1 + g % 10
    FROM generate_series(1, 100) g`.execute(k);
  await sql`INSERT INTO engagements (product_id, name, target_start, target_end)
    SELECT id, 'E', '2026-01-01', '2026-12-31' FROM products`.execute(k);
  await sql`INSERT INTO tests (engagement_id, scan_type) SELECT id, 'Bench' FROM engagements`.execute(k);
  await sql`
    INSERT INTO findings (test_id, engagement_id, product_id, title, severity, numerical_severity, active, is_mitigated,
      mitigated_at, hash_code, date,
                          created_at, cwe, component_name, tags, vulnerability_ids, sla_expiration_date)
      SELECT t.id, e.id, e.product_id, 'Finding ' || g, (ARRAY['Critical','High','Medium','Low','Info'])[1 + g % 5],
        g % 5, g % 3 <> 0, g % 3 = 0,
             CASE WHEN g % 3 = 0 THEN now() - make_interval(days => g % 80) END, md5(g::text), CURRENT_DATE - (g % 300),
             now() - make_interval(days => g % 120), 79 + g % 50, 'component-' || (g % 5000),
               ARRAY['team-' || (g % 20)], ARRAY['CVE-2026-' || (g % 100000)],
             CURRENT_DATE + (g % 200) - 100
      FROM generate_series(1, ${N}::int) g JOIN tests t ON t.id = 1 + g % 100 JOIN engagements e
        ON e.id = t.engagement_id`.execute(k);
  await sql`VACUUM (ANALYZE) findings`.execute(k);
  console.log(`${N.toLocaleString()} findings loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const h = await createHarness(db.uow);
  const u = await new UserService(db.uow).insert(
    { actor: SYSTEM_ACTOR },
    { username: 'bench', password: 'correct horse battery', isAdmin: true },
  );
  const { key } = await new ApiTokenService(db.uow).create({ actor: SYSTEM_ACTOR }, u.id, 'bench');
  const reader = await new UserService(db.uow).insert(
    { actor: SYSTEM_ACTOR },
    { username: 'reader', password: 'correct horse battery', isAdmin: false },
  );
  await sql`INSERT INTO memberships (user_id, product_type_id, role) VALUES (${reader.id}, 3, 'Reader')`.execute(k);
  const readerKey = (await new ApiTokenService(db.uow).create({ actor: SYSTEM_ACTOR }, reader.id, 'bench')).key;
  const median = async (label: string, call: () => Promise<void>) => {
    await call();
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await call();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { call: label, 'median ms': Number(ms[2].toFixed(1)), 'worst ms': Number(ms[4].toFixed(1)) };
  };
  const request = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) => {
    const r = await h.app.inject({ method, url, payload, headers: { authorization: `Token ${token}` } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  };
  const time = (url: string, as: 'admin' | 'reader' = 'admin') =>
    median(as === 'admin' ? url : `${url} (reader)`, () => request('GET', url, as === 'admin' ? key : readerKey));
  const ids = (
    await sql<{ id: number }>`SELECT id FROM findings WHERE active AND product_id = 42 ORDER BY id LIMIT 500`.execute(k)
  ).rows.map((r) => r.id);
  const closeAndReopen = async () => {
    await request('POST', '/api/v1/findings/bulk-status', key, { ids, action: 'close' });
    await request('POST', '/api/v1/findings/bulk-status', key, { ids, action: 'reopen' });
  };
  const rows = [];
  for (const url of [
    '/healthz',
    '/api/v1/findings?limit=200',
    '/api/v1/findings?limit=200&severity=High&active=true',
    '/api/v1/findings?limit=200&productId=42&sort=-severity',
    '/api/v1/findings?limit=200&cwe=89',
    '/api/v1/findings?limit=200&tag=team-7',
    '/api/v1/findings?limit=200&vulnerabilityId=CVE-2026-4242',
    '/api/v1/findings?limit=200&componentName=component-42',
    '/api/v1/findings?limit=200&title=Finding%20424242',
    '/api/v1/findings?limit=200&sla=breached&active=true',
    '/api/v1/products?limit=500',
    '/api/v1/dashboard',
  ])
    rows.push(await time(url));
  rows.push(await time('/api/v1/dashboard', 'reader'));
  rows.push(await time('/api/v1/products?limit=500', 'reader'));
  rows.push(await time('/api/v1/findings?limit=200&title=Finding%20424242', 'reader'));
  rows.push(await median('bulk close + reopen, 500 findings', closeAndReopen));
  await sql`ALTER TABLE findings DISABLE TRIGGER USER`.execute(k);
  rows.push(await median('bulk close + reopen, 500 findings, summary triggers off (reference)', closeAndReopen));
  await sql`ALTER TABLE findings ENABLE TRIGGER USER`.execute(k);
  console.table(rows);
  console.log('baseline: /healthz in the same process and run (first row)');
  await h.close();
} finally {
  await db.drop();
}
process.exit(0);
