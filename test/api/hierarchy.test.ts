import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let admin: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

async function hierarchy(prefix: string) {
  const pt = (await admin.post('/api/v1/product-types', { name: `${prefix} PT` })).json();
  const product = (
    await admin.post('/api/v1/products', { name: `${prefix} shop`, productTypeId: pt.id, tags: ['web'] })
  ).json();
  const engagement = (
    await admin.post('/api/v1/engagements', {
      productId: product.id,
      name: 'CI',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
      engagementType: 'CI/CD',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
  return { pt, product, engagement, test: t };
}

test('product type → product → engagement → test → finding, with SLA dates and the audit trail', async () => {
  const { product, engagement, test: t } = await hierarchy('A');
  assert.equal(product.grade, 'A');
  assert.equal(engagement.engagementType, 'CI/CD');
  const res = await admin.post('/api/v1/findings', {
    testId: t.id,
    title: 'SQL injection in /login',
    severity: 'High',
    cwe: 89,
    vulnerabilityIds: ['CVE-2026-0001'],
    date: '2026-03-01',
    locations: [{ kind: 'url', protocol: 'https', host: 'shop.example', port: 443, path: '/login' }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const f = res.json();
  assert.equal(f.productId, product.id);
  assert.equal(f.numericalSeverity, 'S1');
  assert.equal(f.slaExpirationDate, '2026-03-31', 'High = 30 days under the default SLA');
  const detail = (await admin.get(`/api/v1/findings/${f.id}`)).json();
  assert.equal(detail.locations[0].host, 'shop.example');
  assert.ok(detail.abilities.includes('triage'));
  const p = (await admin.get(`/api/v1/products/${product.id}`)).json();
  assert.equal(p.openFindings.high, 1);
  assert.equal(p.grade, 'D');
  const auditRes = (await admin.get(`/api/v1/audit-log?entityType=finding&entityId=${f.id}`)).json();
  assert.equal(auditRes.items[0].action, 'create');
  assert.equal(auditRes.items[0].actorId, admin.id);
});

test('validation errors are 400 with field-level details; unknown ids 404; duplicates 409', async () => {
  const bad = await admin.post('/api/v1/products', { name: '', productTypeId: 'x' });
  assert.equal(bad.statusCode, 400);
  const body = bad.json();
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.ok(body.error.details.some((d: { path: string }) => d.path.includes('productTypeId')));
  assert.equal((await admin.get('/api/v1/findings/999999')).statusCode, 404);
  assert.equal((await admin.post('/api/v1/product-types', { name: 'Dup' })).statusCode, 201);
  const dup = await admin.post('/api/v1/product-types', { name: 'dup' });
  assert.equal(dup.statusCode, 409);
  assert.match(dup.json().error.message, /already exists/);
  const dates = await admin.post('/api/v1/engagements', {
    productId: 1,
    name: 'x',
    targetStart: '2026-02-01',
    targetEnd: '2026-01-01',
  });
  assert.ok([400, 404].includes(dates.statusCode));
  assert.equal((await admin.get('/api/v1/findings?severity=Huge')).statusCode, 400);
  assert.equal((await admin.get('/api/v1/findings?cursor=garbage')).statusCode, 400);
});

test('findings: filters, sorting and keyset pagination walk every row exactly once', async () => {
  const { test: t, product } = await hierarchy('B');
  const severities = ['Critical', 'High', 'Medium', 'Low', 'Info'];
  for (let i = 0; i < 23; i++) {
    const r = await admin.post('/api/v1/findings', {
      testId: t.id,
      title: `Finding ${String(i).padStart(2, '0')}`,
      severity: severities[i % 5],
      cwe: i % 2 ? 79 : 89,
      tags: i % 3 === 0 ? ['pci'] : [],
    });
    assert.equal(r.statusCode, 201);
  }
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const url: string =
      `/api/v1/findings?productId=${product.id}&limit=5&sort=severity` + `${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await admin.get(url)).json();
    seen.push(...page.items.map((f: { id: number }) => f.id));
    const sevs = page.items.map((f: { numericalSeverity: string }) => f.numericalSeverity);
    assert.deepEqual(sevs, [...sevs].sort());
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(seen.length, 23);
  assert.equal(new Set(seen).size, 23);
  const highs = (await admin.get(`/api/v1/findings?productId=${product.id}&severity=High&active=true&limit=50`)).json();
  assert.ok(highs.items.length > 0 && highs.items.every((f: { severity: string }) => f.severity === 'High'));
  const cwe = (await admin.get(`/api/v1/findings?productId=${product.id}&cwe=79&limit=100`)).json();
  assert.equal(cwe.items.length, 11);
  const tagged = (await admin.get(`/api/v1/findings?productId=${product.id}&tag=pci&limit=100`)).json();
  assert.equal(tagged.items.length, 8);
  const byTitle = (await admin.get(`/api/v1/findings?productId=${product.id}&title=finding%2007`)).json();
  assert.equal(byTitle.items.length, 1);
});

test(
  'findings list: the summary view by default (table fields, no long texts); view=full gives every field of the ' +
    'same page',
  async () => {
    const { test: t, product } = await hierarchy('S');
    for (let i = 0; i < 3; i++) {
      const r = await admin.post('/api/v1/findings', {
        testId: t.id,
        title: `S${i}`,
        severity: 'High',
        description: 'long text '.repeat(50),
        mitigation: 'fix',
        cwe: 79,
        vulnerabilityIds: ['CVE-2026-1'],
        componentName: 'lib',
        tags: ['t'],
      });
      assert.equal(r.statusCode, 201);
    }
    const summary = (await admin.get(`/api/v1/findings?productId=${product.id}&limit=2`)).json();
    const full = (await admin.get(`/api/v1/findings?productId=${product.id}&limit=2&view=full`)).json();
    assert.deepEqual(
      summary.items.map((f: { id: number }) => f.id),
      full.items.map((f: { id: number }) => f.id),
    );
    assert.equal(summary.nextCursor, full.nextCursor);
    const s0 = summary.items[0];
    const f0 = full.items[0];
    for (const key of ['description', 'mitigation', 'impact', 'references', 'hashCode', 'cvssv3', 'lastStatusUpdate'])
      assert.ok(!(key in s0), `summary has no ${key}`);
    assert.equal(f0.description, 'long text '.repeat(50));
    // Every summary field is in the full view with the same value.
    for (const [key, value] of Object.entries(s0)) assert.deepEqual(value, f0[key], key);
    assert.deepEqual(
      Object.keys(s0).sort(),
      [
        'active',
        'assigneeId',
        'componentName',
        'componentVersion',
        'createdAt',
        'cvssv3Score',
        'cwe',
        'date',
        'duplicate',
        'engagementId',
        'epssScore',
        'falsePositive',
        'filePath',
        'id',
        'line',
        'mitigated',
        'numericalSeverity',
        'outOfScope',
        'productId',
        'riskAccepted',
        'severity',
        'slaDaysRemaining',
        'slaExpirationDate',
        'tags',
        'testId',
        'title',
        'underReview',
        'verified',
        'vulnerabilityIds',
      ].sort(),
    );
    // The next page through the summary's cursor, in the full view.
    const next = (
      await admin.get(`/api/v1/findings?productId=${product.id}&limit=2&view=full&cursor=${summary.nextCursor}`)
    ).json();
    assert.equal(next.items.length, 1);
    assert.equal((await admin.get('/api/v1/findings?view=everything')).statusCode, 400);
  },
);

test('bulk status changes apply DefectDojo rules and are all-or-nothing', async () => {
  const { test: t } = await hierarchy('C');
  const ids: number[] = [];
  for (let i = 0; i < 3; i++)
    ids.push((await admin.post('/api/v1/findings', { testId: t.id, title: `F${i}`, severity: 'Medium' })).json().id);
  const closed = await admin.post('/api/v1/findings/bulk-status', { ids, action: 'close' });
  assert.equal(closed.statusCode, 200);
  for (const f of closed.json().items) {
    assert.equal(f.active, false);
    assert.equal(f.mitigated, true);
    assert.equal(f.mitigatedById, admin.id);
  }
  const missing = await admin.post('/api/v1/findings/bulk-status', { ids: [ids[0], 987654], action: 'reopen' });
  assert.equal(missing.statusCode, 404);
  assert.equal((await admin.get(`/api/v1/findings/${ids[0]}`)).json().active, false, 'nothing changed');
  const fp = (await admin.post('/api/v1/findings/bulk-status', { ids: [ids[0]], action: 'false_positive' })).json()
    .items[0];
  assert.equal(fp.falsePositive, true);
  const reopened = (await admin.post('/api/v1/findings/bulk-status', { ids: [ids[0]], action: 'reopen' })).json()
    .items[0];
  assert.equal(reopened.active, true);
  assert.equal(reopened.falsePositive, false);
  // One request, two outcomes: not_false_positive leaves a mitigated finding inactive (the set-based
  // update groups the findings by their patch); the items come back in the request's order.
  const mixed = [ids[1], ids[0]];
  assert.equal(
    (await admin.post('/api/v1/findings/bulk-status', { ids: mixed, action: 'false_positive' })).statusCode,
    200,
  );
  const back = (await admin.post('/api/v1/findings/bulk-status', { ids: mixed, action: 'not_false_positive' })).json()
    .items;
  assert.deepEqual(
    back.map((f: { id: number }) => f.id),
    mixed,
  );
  assert.deepEqual(
    back.map((f: { active: boolean; falsePositive: boolean }) => [f.active, f.falsePositive]),
    [
      [false, false],
      [true, false],
    ],
  );
});

test('notes keep their edit history; risk acceptance deactivates and its removal reactivates', async () => {
  const { test: t, product } = await hierarchy('D');
  const f = (await admin.post('/api/v1/findings', { testId: t.id, title: 'Weak TLS', severity: 'Low' })).json();
  const note = (await admin.post(`/api/v1/findings/${f.id}/notes`, { entry: 'first' })).json();
  await admin.patch(`/api/v1/findings/${f.id}/notes/${note.id}`, { entry: 'second' });
  const history = (await admin.get(`/api/v1/findings/${f.id}/notes/${note.id}/history`)).json();
  assert.deepEqual(
    history.items.map((x: { entry: string }) => x.entry),
    ['first'],
  );
  const ra = await admin.post('/api/v1/risk-acceptances', {
    productId: product.id,
    name: 'Legacy',
    decision: 'accept',
    ownerId: admin.id,
    findingIds: [f.id],
  });
  assert.equal(ra.statusCode, 201, ra.body);
  let after = (await admin.get(`/api/v1/findings/${f.id}`)).json();
  assert.equal(after.riskAccepted, true);
  assert.equal(after.active, false);
  assert.equal((await admin.delete(`/api/v1/risk-acceptances/${ra.json().id}`)).statusCode, 204);
  after = (await admin.get(`/api/v1/findings/${f.id}`)).json();
  assert.equal(after.riskAccepted, false);
  assert.equal(after.active, true);
});

test('changing a product SLA configuration re-dates its open findings', async () => {
  const { test: t, product } = await hierarchy('E');
  const f = (
    await admin.post('/api/v1/findings', { testId: t.id, title: 'RCE', severity: 'Critical', date: '2026-05-01' })
  ).json();
  assert.equal(f.slaExpirationDate, '2026-05-08');
  const sla = (
    await admin.post('/api/v1/sla-configurations', {
      name: 'Strict',
      criticalDays: 1,
      highDays: 7,
      mediumDays: 30,
      lowDays: 60,
    })
  ).json();
  assert.equal((await admin.patch(`/api/v1/products/${product.id}`, { slaConfigurationId: sla.id })).statusCode, 200);
  assert.equal((await admin.get(`/api/v1/findings/${f.id}`)).json().slaExpirationDate, '2026-05-02');
  assert.equal((await admin.delete(`/api/v1/sla-configurations/${sla.id}`)).statusCode, 409, 'in use');
});
