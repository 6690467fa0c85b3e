import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let outsider: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
  outsider = await h.user('outsider');
});
after(async () => {
  await h.close();
  await db.drop();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

test(
  'dashboard: 90-day open trend, mean time to remediate, SLA soon/breached, recent imports; scoped to what the ' +
    'caller reads',
  async () => {
    const pt = (await admin.post('/api/v1/product-types', { name: 'Dash PT' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Dash shop', productTypeId: pt.id })).json();
    const engagement = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'CI',
        targetStart: '2026-01-01',
        targetEnd: '2026-12-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    const make = async (title: string, severity: string, date: string) =>
      (await admin.post('/api/v1/findings', { testId: t.id, title, severity, date })).json();

    // Opened 10 days ago, closed 4 days ago after 6 days; opened 10 days ago, still open; opened today.
    const fixed = await make('Fixed XSS', 'High', isoDay(daysAgo(10)));
    const open = await make('Open SQLi', 'Critical', isoDay(daysAgo(10)));
    const fresh = await make('Fresh info leak', 'Low', isoDay(new Date()));
    await sql`UPDATE findings SET created_at = ${daysAgo(10)} WHERE id IN (${fixed.id}, ${open.id})`.execute(
      db.handle.db,
    );
    assert.equal(
      (await admin.post('/api/v1/findings/bulk-status', { ids: [fixed.id], action: 'close' })).statusCode,
      200,
    );
    await sql`UPDATE findings SET mitigated_at = ${daysAgo(4)}, last_status_update = ${daysAgo(4)}
    WHERE id = ${fixed.id}`.execute(db.handle.db);
    // The Critical's SLA (7 days from 10 days ago) has passed; the Low's ends in 120 days; move it to 3 days from now.
    await sql`UPDATE findings SET sla_expiration_date = ${isoDay(daysAgo(-3))} WHERE id = ${fresh.id}`.execute(
      db.handle.db,
    );

    const res = await admin.get('/api/v1/dashboard');
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.trend.length, 90);
    const day = (n: number) => d.trend.find((x: { day: string }) => x.day === isoDay(daysAgo(n)));
    assert.deepEqual({ ...day(11) }, { day: isoDay(daysAgo(11)), opened: 0, closed: 0, open: 0 });
    assert.equal(day(10).opened, 2);
    assert.equal(day(10).open, 2);
    assert.equal(day(4).closed, 1);
    assert.equal(day(4).open, 1);
    assert.equal(day(0).open, 2, "the critical and today's low are open");
    assert.deepEqual(d.meanTimeToRemediate, [{ severity: 'High', mitigated: 1, meanDays: 6 }]);
    assert.equal(d.sla.breached, 1);
    assert.equal(d.sla.breachingSoon, 1);
    assert.deepEqual(
      d.sla.soonest.map((f: { id: number }) => f.id),
      [fresh.id],
    );
    const soonList = (await admin.get('/api/v1/findings?sla=soon')).json();
    assert.deepEqual(
      soonList.items.map((f: { id: number }) => f.id),
      [fresh.id],
      'the card links to the same findings',
    );

    const report = JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'img',
      Results: [
        {
          Target: 'img',
          Vulnerabilities: [
            {
              VulnerabilityID: 'CVE-2026-1111',
              PkgName: 'openssl',
              InstalledVersion: '1.0',
              Severity: 'HIGH',
              Title: 'bad',
            },
          ],
        },
      ],
    });
    const form = multipartBody(
      { scanType: 'Trivy Scan', engagementId: engagement.id },
      { name: 'trivy.json', content: report },
    );
    const imported = await admin.request({
      method: 'POST',
      url: '/api/v1/import',
      payload: form.payload,
      headers: form.headers,
    });
    assert.equal(imported.statusCode, 201, imported.body);
    const after = (await admin.get('/api/v1/dashboard?days=30')).json();
    assert.equal(after.trend.length, 30);
    assert.equal(after.recentImports[0].productName, 'Dash shop');
    assert.equal(after.recentImports[0].scanType, 'Trivy Scan');
    assert.equal(after.recentImports[0].statistics.created, 1);

    const theirs = (await outsider.get('/api/v1/dashboard')).json();
    assert.equal(theirs.trend.at(-1).open, 0, 'nothing of a product they cannot read');
    assert.equal(theirs.sla.breached, 0);
    assert.deepEqual(theirs.recentImports, []);
    assert.deepEqual(theirs.meanTimeToRemediate, []);
    assert.equal((await admin.get('/api/v1/dashboard?days=1000')).statusCode, 400);
  },
);
