import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@vigil/db';
import { freshDatabase, freshDatabaseOf, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { generic, upload } from '../import/support.ts';

/**
 * The summary tables behind product counts and the dashboard (migration 0011) stay exactly what a
 * full recount of the findings gives, through every kind of write, and the dashboard shows what
 * direct queries over the findings show.
 */

type Row = Record<string, unknown>;
const rows = async (db: Kysely<Database>, q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Row[];

/** Recount from the findings (UTC days) next to the summary tables' sums, per key. */
async function assertSummariesExact(db: Kysely<Database>, when: string): Promise<void> {
  const pairs: Array<[string, ReturnType<typeof sql>, ReturnType<typeof sql>]> = [
    [
      'open per product and severity',
      sql`SELECT product_id, numerical_severity, count(*)::int AS n FROM findings WHERE active AND NOT duplicate
        GROUP BY 1, 2 ORDER BY 1, 2`,
      sql`SELECT product_id, numerical_severity, sum(n)::int AS n FROM finding_open_counts GROUP BY 1, 2
        HAVING sum(n) <> 0 ORDER BY 1, 2`,
    ],
    [
      'open per product and SLA date',
      sql`SELECT product_id, to_char(sla_expiration_date, 'YYYY-MM-DD') AS d, count(*)::int AS n FROM findings
          WHERE active AND NOT duplicate AND sla_expiration_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      sql`SELECT product_id, to_char(sla_expiration_date, 'YYYY-MM-DD') AS d, sum(n)::int AS n FROM finding_sla_counts
        GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`,
    ],
    [
      'daily opened/closed/mitigated',
      sql`WITH f AS (
            SELECT product_id, numerical_severity, date, active, is_mitigated,
                   (created_at AT TIME ZONE 'UTC')::date AS o,
                   greatest((coalesce(mitigated_at, last_status_update) AT TIME ZONE 'UTC')::date,
                     (created_at AT TIME ZONE 'UTC')::date) AS c,
                   (mitigated_at AT TIME ZONE 'UTC')::date AS m
            FROM findings WHERE NOT duplicate)
          SELECT product_id, to_char(day, 'YYYY-MM-DD') AS day, numerical_severity, sum(opened)::int AS opened,
            sum(closed)::int AS closed,
                 sum(mitigated)::int AS mitigated, sum(days)::int AS days
          FROM (SELECT product_id, o AS day, numerical_severity, 1 AS opened, 0 AS closed, 0 AS mitigated, 0 AS days
            FROM f
                UNION ALL SELECT product_id, c, numerical_severity, 0, 1, 0, 0 FROM f WHERE NOT active
                UNION ALL SELECT product_id, m, numerical_severity, 0, 0, 1, greatest(m - date, 0) FROM f
                  WHERE is_mitigated AND m IS NOT NULL) u
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      sql`SELECT product_id, to_char(day, 'YYYY-MM-DD') AS day, numerical_severity, sum(opened)::int AS opened,
        sum(closed)::int AS closed,
                 sum(mitigated)::int AS mitigated, sum(remediation_days)::int AS days
          FROM finding_daily_counts GROUP BY 1, 2, 3
          HAVING sum(opened) <> 0 OR sum(closed) <> 0 OR sum(mitigated) <> 0 OR sum(remediation_days) <> 0
            ORDER BY 1, 2, 3`,
    ],
  ];
  for (const [what, truth, summary] of pairs) {
    assert.deepEqual(await rows(db, summary), await rows(db, truth), `${what} after ${when}`);
  }
}

/** The dashboard's trend, time to remediate and SLA counts computed straight from the findings. */
async function directDashboard(db: Kysely<Database>, from: string, to: string) {
  const trend = await rows(
    db,
    sql`
    WITH f AS (
      SELECT (created_at AT TIME ZONE 'UTC')::date AS opened,
             CASE WHEN active THEN NULL ELSE greatest((coalesce(mitigated_at,
               last_status_update) AT TIME ZONE 'UTC')::date, (created_at AT TIME ZONE 'UTC')::date) END AS closed
      FROM findings WHERE NOT duplicate)
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           (SELECT count(*) FROM f WHERE opened = d.day)::int AS opened,
           (SELECT count(*) FROM f WHERE closed = d.day)::int AS closed,
           (SELECT count(*) FROM f WHERE opened <= d.day AND (closed IS NULL OR closed > d.day))::int AS open
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') d(day) ORDER BY d.day`,
  );
  const mttr = await rows(
    db,
    sql`
    SELECT severity, count(*)::int AS mitigated, round(avg(greatest((mitigated_at AT TIME ZONE 'UTC')::date - date,
      0))::numeric, 1)::float8 AS "meanDays"
    FROM findings WHERE is_mitigated AND NOT duplicate AND (mitigated_at AT TIME ZONE 'UTC')::date >= ${from}::date
    GROUP BY severity ORDER BY min(numerical_severity)`,
  );
  const [sla] = await rows(
    db,
    sql`
    SELECT count(*) FILTER (WHERE sla_expiration_date < ${to}::date)::int AS breached,
           count(*) FILTER (WHERE sla_expiration_date BETWEEN ${to}::date AND ${to}::date + 7)::int AS "breachingSoon"
    FROM findings WHERE active AND NOT duplicate`,
  );
  return { trend, mttr, sla };
}

const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

for (const kind of ['postgres', 'embedded'] as const)
  describe(kind, () => {
    let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
    let handle: DatabaseHandle;
    let h: Harness;
    let admin: TestUser;
    before(async () => {
      db = await freshDatabaseOf(kind);
      handle = db.handle;
      h = await createHarness(db.uow);
      admin = await h.user('admin', { admin: true });
    });
    after(async () => {
      await h.close();
      await db.close();
    });

    test(
      `${kind}: summaries stay exact through creates, imports, reimports, triage, edits, duplicates and ` +
        `deletions; dashboard and product counts agree with the findings`,
      async () => {
        const db = handle.db;
        const pt = (await admin.post('/api/v1/product-types', { name: 'Sum PT' })).json();
        const shop = (await admin.post('/api/v1/products', { name: 'Sum shop', productTypeId: pt.id })).json();
        const blog = (await admin.post('/api/v1/products', { name: 'Sum blog', productTypeId: pt.id })).json();
        const eng = async (productId: number) =>
          (
            await admin.post('/api/v1/engagements', {
              productId,
              name: 'E',
              targetStart: '2026-01-01',
              targetEnd: '2026-12-31',
            })
          ).json();
        const shopEng = await eng(shop.id);
        const blogEng = await eng(blog.id);
        const t = (await admin.post('/api/v1/tests', { engagementId: shopEng.id, scanType: 'Manual' })).json();
        const made = [];
        for (const [title, severity, date] of [
          ['SQLi', 'Critical', iso(30)],
          ['XSS', 'High', iso(12)],
          ['CSRF', 'Medium', iso(3)],
          ['Info leak', 'Info', iso(0)],
        ]) {
          const r = await admin.post('/api/v1/findings', { testId: t.id, title, severity, date });
          assert.equal(r.statusCode, 201, r.body);
          made.push(r.json());
        }
        await assertSummariesExact(db, 'manual creates');

        // Spread over past days (and a late-night timestamp, whose UTC day is what counts).
        await sql`UPDATE findings SET created_at = now() - make_interval(days => 40 - (id % 4) * 9)
        WHERE test_id = ${t.id}`.execute(db);
        await sql`UPDATE findings SET created_at = ${iso(20)}::date + time '23:30' WHERE id = ${made[3].id}`.execute(
          db,
        );
        await assertSummariesExact(db, 'moving creation days');

        const f = (title: string, extra: Record<string, unknown> = {}) => ({
          title,
          severity: 'Medium',
          description: title,
          ...extra,
        });
        const first = await upload(
          admin,
          '/api/v1/import',
          { scanType: 'Generic Findings Import', engagementId: blogEng.id },
          generic([f('A'), f('B', { severity: 'High' }), f('C'), f('D')]),
        );
        assert.equal(first.statusCode, 201, first.body);
        await assertSummariesExact(db, 'an import');
        const re = await upload(
          admin,
          '/api/v2/reimport-scan/',
          { scan_type: 'Generic Findings Import', test: first.json().testId },
          generic([f('A'), f('C', { is_mitigated: true }), f('E', { severity: 'Low' })]),
        );
        assert.equal(re.statusCode, 201, re.body);
        await assertSummariesExact(db, 'a reimport that closes and creates');

        const triage = async (ids: number[], action: string) =>
          assert.equal((await admin.post('/api/v1/findings/bulk-status', { ids, action })).statusCode, 200);
        await triage([made[0].id, made[1].id], 'close');
        await sql`UPDATE findings SET mitigated_at = now() - interval '5 days' WHERE id = ${made[0].id}`.execute(db);
        await triage([made[2].id], 'false_positive');
        await assertSummariesExact(db, 'closing and false positive');
        await sql`UPDATE findings SET date = date - 3 WHERE id = ${made[0].id}`.execute(db);
        await assertSummariesExact(db, 'an earlier discovery date of a mitigated finding');
        assert.equal((await admin.patch(`/api/v1/findings/${made[0].id}`, { title: 'SQLi, renamed' })).statusCode, 200);
        await assertSummariesExact(db, 'an edit of uncounted fields');
        await triage([made[1].id], 'reopen');
        await assertSummariesExact(db, 'reopening');
        assert.equal((await admin.patch(`/api/v1/findings/${made[1].id}`, { severity: 'Low' })).statusCode, 200);
        await sql`UPDATE findings SET sla_expiration_date = CURRENT_DATE + 2 WHERE id = ${made[1].id}`.execute(db);
        await sql`UPDATE findings SET duplicate = true, duplicate_finding_id = ${made[1].id}
        WHERE id = ${made[3].id}`.execute(db);
        await assertSummariesExact(db, 'an edit, a new SLA date and a duplicate');

        // The dashboard and the product list show what the findings say.
        const dash = (await admin.get('/api/v1/dashboard?days=60')).json();
        const direct = await directDashboard(db, dash.trend[0].day, dash.today);
        assert.deepEqual(dash.trend, direct.trend);
        assert.deepEqual(dash.meanTimeToRemediate, direct.mttr);
        assert.deepEqual({ breached: dash.sla.breached, breachingSoon: dash.sla.breachingSoon }, direct.sla);
        assert.ok(
          dash.trend.some((d: { closed: number }) => d.closed > 0) && dash.meanTimeToRemediate.length > 0,
          'the scenario closes and mitigates',
        );
        const [open] = await rows(
          db,
          sql`
      SELECT count(*) FILTER (WHERE severity = 'Critical')::int AS critical,
        count(*) FILTER (WHERE severity = 'High')::int AS high,
             count(*) FILTER (WHERE severity = 'Medium')::int AS medium,
               count(*) FILTER (WHERE severity = 'Low')::int AS low,
             count(*) FILTER (WHERE severity = 'Info')::int AS info
      FROM findings WHERE product_id = ${shop.id} AND active AND NOT duplicate`,
        );
        assert.deepEqual((await admin.get(`/api/v1/products/${shop.id}`)).json().openFindings, open);
        const page = (await admin.get('/api/v1/products?limit=500')).json();
        assert.deepEqual(page.items.find((p: { id: number }) => p.id === shop.id).openFindings, open);
        assert.ok((open.critical as number) + (open.low as number) > 0);

        // A statement that fails (half of its rows were already written) changes nothing.
        await assert.rejects(
          sql`UPDATE findings SET active = NOT active, numerical_severity = CASE WHEN id = ${made[2].id} THEN 9
          ELSE 0 END`.execute(db),
          /check/,
        );
        await assertSummariesExact(db, 'a failed update');

        // Deletions: one finding, a test, then a whole product (cascading to its findings).
        assert.equal((await admin.delete(`/api/v1/findings/${made[2].id}`)).statusCode, 204);
        await assertSummariesExact(db, 'deleting a finding');
        assert.equal((await admin.delete(`/api/v1/tests/${t.id}`)).statusCode, 204);
        await assertSummariesExact(db, 'deleting a test');
        assert.equal((await admin.delete(`/api/v1/products/${blog.id}`)).statusCode, 204);
        await assertSummariesExact(db, 'deleting a product');
        const left = await rows(
          db,
          sql`SELECT count(*)::int AS n FROM finding_daily_counts WHERE product_id = ${blog.id}`,
        );
        assert.equal(left[0].n, 0, 'a deleted product leaves no summary rows');

        // A truncate empties the summaries.
        await sql`TRUNCATE findings CASCADE`.execute(db);
        await assertSummariesExact(db, 'a truncate');
      },
    );
  });

describe('concurrent writers', () => {
  let pg: TestDatabase;
  before(async () => {
    pg = await freshDatabase();
  });
  after(async () => {
    await pg.drop();
  });

  test(
    'writers of the same product never wait for each other; commits and rollbacks in any order keep the summaries ' +
      'exact',
    async () => {
      const db = pg.handle.db;
      await sql`
      INSERT INTO product_types (name) VALUES ('C');
      INSERT INTO products (name, product_type_id) SELECT 'P', id FROM product_types;
      INSERT INTO engagements (product_id, name, target_start, target_end) SELECT id, 'E', '2026-01-01', '2026-12-31'
        FROM products;
      INSERT INTO tests (engagement_id, scan_type) SELECT id, 'T' FROM engagements;
      INSERT INTO findings (test_id, engagement_id, product_id, title, severity, numerical_severity,
        sla_expiration_date)
        SELECT t.id, e.id, e.product_id, 'F' || g, 'High', 1, CURRENT_DATE FROM generate_series(1, 6) g, tests t
          JOIN engagements e ON e.id = t.engagement_id;
    `.execute(db);
      const ids = (await rows(db, sql`SELECT id FROM findings ORDER BY id`)).map((r) => r.id as number);
      const close = (x: Kysely<Database>, id: number) =>
        sql`UPDATE findings SET active = false, is_mitigated = true, mitigated_at = now() WHERE id = ${id}`.execute(x);

      for (const outcome of ['commit', 'rollback'] as const) {
        const a = outcome === 'commit' ? ids.slice(0, 2) : ids.slice(2, 4);
        const b = outcome === 'commit' ? ids[4] : ids[5];
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let started!: () => void;
        const hasWritten = new Promise<void>((r) => (started = r));
        const longTx = db.transaction().execute(async (trx) => {
          await close(trx, a[0]);
          await close(trx, a[1]);
          started();
          await held;
          if (outcome === 'rollback') throw new Error('rolled back on purpose');
        });
        await hasWritten;
        // The other writer touches the same summary keys while the first transaction is open: a
        // lock wait would fail it (lock_timeout) instead of letting it through.
        await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL lock_timeout = '3s'`.execute(trx);
          await close(trx, b);
        });
        await assertSummariesExact(db, `another writer committed while one is open (${outcome})`);
        release();
        if (outcome === 'rollback') await assert.rejects(longTx, /on purpose/);
        else await longTx;
        await assertSummariesExact(db, `the open transaction ended (${outcome})`);
      }
      const [open] = await rows(db, sql`SELECT sum(n)::int AS n FROM finding_open_counts`);
      assert.equal(
        open.n,
        2,
        'of 6: two closed by the committed transaction and one by each other writer; the rolled-back two stay open',
      );
    },
  );
});
