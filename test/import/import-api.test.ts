import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { fixture, generic, upload } from './support.ts';

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
const sys = { actor: SYSTEM_ACTOR };

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')) });
  admin = await h.user('admin', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

let seq = 0;
async function engagement(productName?: string) {
  const n = ++seq;
  const pt = await h.services.productTypes.create(sys, { name: `PT ${n}` });
  const product = productName
    ? ((await h.uow.repos.products.findByName(productName)) ??
      (await h.services.products.create(sys, { name: productName, productTypeId: pt.id })))
    : await h.services.products.create(sys, { name: `Product ${n}`, productTypeId: pt.id });
  const e = await h.services.engagements.create(sys, {
    productId: product.id,
    name: `E ${n}`,
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  return { pt, product, engagement: e };
}

test(
  'v1: a Trivy report lands in a new test with statistics, ' + 'SLA dates, purl locations and one audit entry',
  async () => {
    const { engagement: e } = await engagement();
    const res = await upload(
      admin,
      '/api/v1/import',
      { scanType: 'Trivy Scan', engagementId: e.id, scanDate: '2026-03-01' },
      fixture('sca/fixtures/trivy/schema2.json'),
      'trivy.json',
    );
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.findingsInReport, 6);
    assert.equal(body.statistics.created.total, 6);
    assert.equal(body.statistics.duplicates.total, 0);
    const rows = await h.uow.repos.findings.list({ testId: body.testId, sort: 'id', limit: 100 });
    assert.equal(rows.items.length, 6);
    const high = rows.items.find((f) => f.severity === 'High')!;
    assert.ok(high.hash_code && /^[0-9a-f]{64}$/.test(high.hash_code));
    assert.ok(high.sla_expiration_date, 'SLA from the product configuration');
    const locations = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM finding_locations l JOIN findings f ON f.id = l.finding_id
    WHERE f.test_id = ${body.testId} AND l.kind = 'dependency'`.execute(db.handle.db);
    assert.ok(locations.rows[0].n > 0, 'purl locations stored');
    const audit = (await admin.get(`/api/v1/audit-log?entityType=test&entityId=${body.testId}`)).json();
    assert.equal(audit.items.filter((a: { action: string }) => a.action === 'import').length, 1);
    const types = (await admin.get('/api/v1/import/scan-types')).json();
    assert.ok(types.items.some((t: { name: string }) => t.name === 'Trivy Scan'));
  },
);

test(
  'v2 import-scan with auto_create_context answers in ' + 'DefectDojo shape; findings/tests/test_types reads work',
  async () => {
    const res = await upload(
      admin,
      '/api/v2/import-scan/',
      {
        scan_type: 'SARIF',
        product_type_name: 'Dojo PT',
        product_name: 'Dojo shop',
        engagement_name: 'CI',
        auto_create_context: 'true',
        minimum_severity: 'Info',
        active: 'true',
        verified: 'false',
        tags: ['ci', 'sarif'],
      },
      fixture('sca/fixtures/sarif/codeql.sarif'),
      'codeql.sarif',
    );
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    for (const k of ['test', 'test_id', 'engagement_id', 'product_id', 'product_type_id'])
      assert.equal(typeof b[k], 'number', k);
    assert.equal(b.test, b.test_id);
    assert.equal(b.statistics.after.total.total, 5, JSON.stringify(b.statistics));
    assert.equal(b.statistics.after.total.duplicate, 1, 'a repeat inside one report duplicates its first occurrence');
    assert.equal(b.statistics.delta.created.total.total, 5);
    assert.deepEqual(Object.keys(b.statistics.after).sort(), ['critical', 'high', 'info', 'low', 'medium', 'total']);
    const page = (await admin.get(`/api/v2/findings/?test=${b.test}&limit=2&offset=0`)).json();
    assert.equal(page.count, 5);
    assert.equal(page.results.length, 2);
    assert.match(
      page.next,
      /^https?:\/\/[^/]+\/api\/v2\/findings\/\?.*offset=2/,
      'an absolute URL, as DefectDojo returns',
    );
    assert.equal(page.previous, null);
    assert.equal(page.results[0].test, b.test);
    const t = await admin.get(`/api/v2/tests/${b.test}/`);
    assert.equal(t.statusCode, 200);
    assert.equal(t.json().engagement, b.engagement_id);
    assert.deepEqual(t.json().tags, ['ci', 'sarif']);
    const types = (await admin.get('/api/v2/test_types/')).json();
    assert.equal(types.count, types.results.length);
    assert.ok(types.results.some((x: { name: string }) => x.name === 'Trivy Scan'));
    // A second import into the same names reuses the context.
    const again = (
      await upload(
        admin,
        '/api/v2/import-scan/',
        { scan_type: 'SARIF', product_name: 'Dojo shop', engagement_name: 'CI' },
        fixture('sca/fixtures/sarif/codeql.sarif'),
      )
    ).json();
    assert.equal(again.engagement_id, b.engagement_id);
    assert.notEqual(again.test, b.test);
    assert.equal(again.statistics.after.total.duplicate, 5, 'same product: all duplicates');
    const nonDup = (await admin.get(`/api/v2/findings/?test=${again.test}&duplicate=false`)).json();
    assert.equal(nonDup.count, 0);
  },
);

test('dedup across two tests of one product: duplicates point at the oldest original and are inactive', async () => {
  const { product, engagement: e1 } = await engagement();
  const e2 = await h.services.engagements.create(sys, {
    productId: product.id,
    name: 'second',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const report = fixture('sca/fixtures/grype/grype.json');
  const first = (
    await upload(admin, '/api/v1/import', { scanType: 'Anchore Grype', engagementId: e1.id }, report)
  ).json();
  const second = (
    await upload(admin, '/api/v1/import', { scanType: 'Anchore Grype', engagementId: e2.id }, report)
  ).json();
  assert.equal(first.statistics.duplicates.total, 0);
  assert.equal(second.statistics.duplicates.total, 3);
  const originals = await h.uow.repos.findings.list({ testId: first.testId, sort: 'id', limit: 100 });
  const dups = await h.uow.repos.findings.list({ testId: second.testId, sort: 'id', limit: 100 });
  const ids = new Set(originals.items.map((f) => f.id));
  for (const d of dups.items) {
    assert.equal(d.duplicate, true);
    assert.equal(d.active, false);
    assert.ok(ids.has(d.duplicate_finding_id!));
  }
  // Engagement-scoped dedup: a third engagement with deduplication_on_engagement sees no originals.
  const e3 = await h.services.engagements.create(sys, {
    productId: product.id,
    name: 'third',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const third = (
    await upload(
      admin,
      '/api/v1/import',
      { scanType: 'Anchore Grype', engagementId: e3.id, deduplicationOnEngagement: 'true' },
      report,
    )
  ).json();
  assert.equal(third.statistics.duplicates.total, 0);
});

test('a mitigated original is not reopened by a new duplicate; the regression becomes a new original', async () => {
  const { engagement: e } = await engagement();
  const report = generic([{ title: 'Weak TLS', severity: 'High', description: 'TLS 1.0 enabled' }]);
  const first = (
    await upload(admin, '/api/v1/import', { scanType: 'Generic Findings Import', engagementId: e.id }, report)
  ).json();
  const [orig] = (await h.uow.repos.findings.list({ testId: first.testId, sort: 'id', limit: 10 })).items;
  await h.services.findings.changeStatus(sys, [orig.id], 'close');
  const second = (
    await upload(admin, '/api/v1/import', { scanType: 'Generic Findings Import', engagementId: e.id }, report)
  ).json();
  assert.equal(second.statistics.duplicates.total, 0);
  assert.equal((await h.uow.repos.findings.findById(orig.id))!.is_mitigated, true, 'original stays mitigated');
});

test(
  'reimport: untouched, reactivated, closed by report, created, and missing closed with a note; risk-accepted ' +
    'keeps status',
  async () => {
    const { product, engagement: e } = await engagement();
    const f = (title: string, extra: Record<string, unknown> = {}) => ({
      title,
      severity: 'Medium',
      description: title,
      ...extra,
    });
    const first = (
      await upload(
        admin,
        '/api/v1/import',
        { scanType: 'Generic Findings Import', engagementId: e.id },
        generic([f('A'), f('B'), f('C'), f('D'), f('E')]),
      )
    ).json();
    assert.equal(first.statistics.created.total, 5);
    const byTitle = async () =>
      Object.fromEntries(
        (await h.uow.repos.findings.list({ testId: first.testId, sort: 'id', limit: 100 })).items.map((x) => [
          x.title,
          x,
        ]),
      );
    let rows = await byTitle();
    await h.services.findings.changeStatus(sys, [rows.B.id], 'close');
    await h.services.riskAcceptances.create(sys, {
      productId: product.id,
      name: 'RA',
      decision: 'accept',
      ownerId: admin.id,
      findingIds: [rows.E.id],
    });
    // A: again (untouched), B: again (reactivated), C: report says fixed (closed), D: missing (closed), E: missing but
    // risk accepted, F: new.
    const res = await upload(
      admin,
      '/api/v2/reimport-scan/',
      { scan_type: 'Generic Findings Import', test: first.testId },
      generic([f('A'), f('B'), f('C', { is_mitigated: true }), f('F')]),
    );
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.test, first.testId);
    assert.equal(r.statistics.delta.untouched.total.total, 1);
    assert.equal(r.statistics.delta.reactivated.total.total, 1);
    assert.equal(r.statistics.delta.closed.total.total, 2);
    assert.equal(r.statistics.delta.created.total.total, 1);
    assert.equal(r.statistics.before.total.total, 5);
    assert.equal(r.statistics.after.total.total, 6);
    rows = await byTitle();
    assert.equal(rows.B.active, true);
    assert.equal(rows.C.is_mitigated, true);
    assert.equal(rows.D.is_mitigated, true);
    assert.equal(rows.E.risk_accepted, true);
    assert.equal(rows.E.is_mitigated, false);
    const notes = await h.uow.repos.notes.listForFinding(rows.D.id, true);
    assert.ok(JSON.stringify(notes).includes('Mitigated by reimport'));
    // do_not_reactivate keeps a mitigated finding closed.
    const again = (
      await upload(
        admin,
        '/api/v1/import',
        { scanType: 'Generic Findings Import', testId: first.testId, doNotReactivate: 'true' },
        generic([f('A'), f('D'), f('F')]),
      )
    ).json();
    assert.equal(again.statistics.reactivated.total, 0);
    assert.equal((await h.uow.repos.findings.findById(rows.D.id))!.is_mitigated, true);
  },
);

test(
  'import with close_old_findings closes the previous ' + 'test’s findings of that scan type in the engagement',
  async () => {
    const { engagement: e } = await engagement();
    const g = (titles: string[]) => generic(titles.map((t) => ({ title: t, severity: 'Low', description: t })));
    await upload(
      admin,
      '/api/v1/import',
      { scanType: 'Generic Findings Import', engagementId: e.id },
      g(['old1', 'kept']),
    );
    const second = (
      await upload(
        admin,
        '/api/v1/import',
        { scanType: 'Generic Findings Import', engagementId: e.id, closeOldFindings: 'true' },
        g(['kept', 'new']),
      )
    ).json();
    assert.equal(second.statistics.closed.total, 1);
    assert.equal(second.statistics.closed.low, 1);
  },
);

test('permissions: a Reader gets 403, a Writer may import; auto-creating a product type needs an admin', async () => {
  const { pt, engagement: e } = await engagement();
  const reader = await h.user('reader');
  const writer = await h.user('writer');
  await h.services.memberships.grant(sys, { productTypeId: pt.id }, { userId: reader.id }, 'Reader');
  await h.services.memberships.grant(sys, { productTypeId: pt.id }, { userId: writer.id }, 'Writer');
  const report = fixture('sca/fixtures/trivy/legacy.json');
  assert.equal(
    (await upload(reader, '/api/v1/import', { scanType: 'Trivy Scan', engagementId: e.id }, report)).statusCode,
    403,
  );
  assert.equal(
    (await upload(writer, '/api/v1/import', { scanType: 'Trivy Scan', engagementId: e.id }, report)).statusCode,
    201,
  );
  const denied = await upload(
    writer,
    '/api/v2/import-scan/',
    {
      scan_type: 'Trivy Scan',
      product_type_name: 'Brand new PT',
      product_name: 'Brand new',
      engagement_name: 'x',
      auto_create_context: 'true',
    },
    report,
  );
  assert.equal(denied.statusCode, 403);
  const outsider = await h.user('outsider');
  assert.equal((await outsider.get(`/api/v2/findings/?engagement=${e.id}`)).json().count, 0);
});

test('reprocess re-parses the stored report into the same test', async () => {
  const { engagement: e } = await engagement();
  const first = (
    await upload(
      admin,
      '/api/v1/import',
      { scanType: 'Semgrep JSON Report', engagementId: e.id },
      fixture('sast/fixtures/semgrep/results.json'),
    )
  ).json();
  const again = await h.services.imports.reprocess(sys, first.testId);
  assert.equal(again.testId, first.testId);
  assert.equal(again.mode, 'reimport');
  assert.equal(again.statistics.untouched.total, first.statistics.created.total);
  assert.equal(again.statistics.created.total, 0);
});
