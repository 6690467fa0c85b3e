import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { fixture, rowCounts, upload } from './support.ts';

// Issue 13 item 12: import errors told an inaccessible product from a nonexistent one
// ("Engagement 2 was not found" vs `Product "X" was not found`). Every import route must answer
// for what the caller cannot see exactly as for what does not exist.
let db: TestDatabase;
let h: Harness;
let outsider: TestUser;
let secretEngagementId: number;
let secretTestId: number;
const report = fixture('sca/fixtures/trivy/schema2.json');
const NONE = 987654;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')) });
  const admin = await h.user('admin', { admin: true });
  outsider = await h.user('outsider');
  const sys = { actor: SYSTEM_ACTOR };
  const secretPt = await h.services.productTypes.create(sys, { name: 'Secret PT' });
  const secret = await h.services.products.create(sys, { name: 'X', productTypeId: secretPt.id });
  secretEngagementId = (
    await h.services.engagements.create(sys, {
      productId: secret.id,
      name: 'E1',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).id;
  const first = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Trivy Scan', engagementId: secretEngagementId },
    report,
  );
  assert.equal(first.statusCode, 201, first.body);
  secretTestId = first.json().testId;
  // The outsider may create products in its own product type, and import into its own product.
  const mine = await h.services.productTypes.create(sys, { name: 'Mine' });
  await h.services.memberships.grant(sys, { productTypeId: mine.id }, { userId: outsider.id }, 'Maintainer');
  await h.services.products.create(sys, { name: 'Own', productTypeId: mine.id });
});
after(async () => {
  await h.close();
  await db.drop();
});

type Fields = Record<string, string | number | boolean | undefined>;

/** The answer with what the caller chose (`value`) replaced by a placeholder, and no request id. */
function normalized(res: { statusCode: number; body: string }, value: string | number): string {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => !/^request_?id$/i.test(k))
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  const body = JSON.stringify(strip(JSON.parse(res.body)));
  return `${res.statusCode} ${body.split(String(value)).join('<value>')}`;
}

/** Posts the same import naming the hidden thing and a nonexistent one; the answers must be equal. */
async function same(
  url: string,
  fields: (value: string | number) => Fields,
  hidden: string | number,
  nonexistent: string | number,
) {
  const before = await rowCounts(db.handle);
  const a = await upload(outsider, url, fields(hidden), report);
  const b = await upload(outsider, url, fields(nonexistent), report);
  assert.ok(a.statusCode >= 400, `${url} ${a.statusCode} ${a.body}`);
  assert.equal(normalized(a, hidden), normalized(b, nonexistent), `${url}: hidden ${a.body} vs nonexistent ${b.body}`);
  assert.deepEqual(await rowCounts(db.handle), before, 'nothing written');
  return a;
}

test('by id: engagement and test (v1, import-scan, reimport-scan)', async () => {
  await same('/api/v1/import', (v) => ({ scanType: 'Trivy Scan', engagementId: v }), secretEngagementId, NONE);
  await same('/api/v1/import', (v) => ({ scanType: 'Trivy Scan', testId: v }), secretTestId, NONE);
  await same('/api/v2/import-scan/', (v) => ({ scan_type: 'Trivy Scan', engagement: v }), secretEngagementId, NONE);
  await same('/api/v2/reimport-scan/', (v) => ({ scan_type: 'Trivy Scan', test: v }), secretTestId, NONE);
});

test(
  'by name, existing engagement: the hidden product answers ' + 'as a missing one (was "Engagement N was not found")',
  async () => {
    const a = await same(
      '/api/v1/import',
      (v) => ({ scanType: 'Trivy Scan', productName: v, engagementName: 'E1' }),
      'X',
      'Nope',
    );
    assert.equal(a.statusCode, 404);
    await same(
      '/api/v1/import',
      (v) => ({ scanType: 'Trivy Scan', productName: v, engagementName: 'E1', reimport: true }),
      'X',
      'Nope',
    );
    await same(
      '/api/v2/import-scan/',
      (v) => ({ scan_type: 'Trivy Scan', product_name: v, engagement_name: 'E1' }),
      'X',
      'Nope',
    );
    await same(
      '/api/v2/reimport-scan/',
      (v) => ({ scan_type: 'Trivy Scan', product_name: v, engagement_name: 'E1' }),
      'X',
      'Nope',
    );
  },
);

test('by name, missing engagement, and a product type that does not match the hidden product', async () => {
  await same('/api/v1/import', (v) => ({ scanType: 'Trivy Scan', productName: v, engagementName: 'New' }), 'X', 'Nope');
  await same(
    '/api/v2/import-scan/',
    (v) => ({ scan_type: 'Trivy Scan', product_name: v, engagement_name: 'E1', product_type_name: 'Mine' }),
    'X',
    'Nope',
  );
});

test('auto-create paths: hidden product, hidden product type', async () => {
  // no product type given
  await same(
    '/api/v2/import-scan/',
    (v) => ({ scan_type: 'Trivy Scan', product_name: v, engagement_name: 'E1', auto_create_context: true }),
    'X',
    'Nope',
  );
  await same(
    '/api/v1/import',
    (v) => ({ scanType: 'Trivy Scan', productName: v, engagementName: 'E9', autoCreateContext: true }),
    'X',
    'Nope',
  );
  // a product type that does not exist (only an admin may create one)
  await same(
    '/api/v2/import-scan/',
    (v) => ({
      scan_type: 'Trivy Scan',
      product_name: v,
      engagement_name: 'E1',
      auto_create_context: true,
      product_type_name: 'No such PT',
    }),
    'X',
    'Nope',
  );
  // a product type the caller cannot see answers as one that does not exist
  const pt = await same(
    '/api/v2/import-scan/',
    (v) => ({
      scan_type: 'Trivy Scan',
      product_name: 'Nope',
      engagement_name: 'E1',
      auto_create_context: true,
      product_type_name: v,
    }),
    'Secret PT',
    'No such PT',
  );
  assert.equal(pt.statusCode, 403);
  await same(
    '/api/v2/reimport-scan/',
    (v) => ({
      scan_type: 'Trivy Scan',
      product_name: 'Nope',
      engagement_name: 'E1',
      auto_create_context: true,
      product_type_name: v,
    }),
    'Secret PT',
    'No such PT',
  );
});

test(
  'creating a product whose name a hidden product holds: 409 as the products API answers, no id shown, nothing ' +
    'written',
  async () => {
    const before = await rowCounts(db.handle);
    const res = await upload(
      outsider,
      '/api/v2/import-scan/',
      {
        scan_type: 'Trivy Scan',
        product_name: 'X',
        engagement_name: 'E1',
        auto_create_context: true,
        product_type_name: 'Mine',
      },
      report,
    );
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.message, 'A product named "X" already exists');
    assert.deepEqual(await rowCounts(db.handle), before);
    const ok = await upload(
      outsider,
      '/api/v2/import-scan/',
      {
        scan_type: 'Trivy Scan',
        product_name: 'Brand new',
        engagement_name: 'E1',
        auto_create_context: true,
        product_type_name: 'Mine',
      },
      report,
    );
    assert.equal(ok.statusCode, 201, ok.body);
  },
);

test('asynchronous import by name: the hidden product id is not in the answer', async () => {
  const a = await upload(
    outsider,
    '/api/v1/import?async=true',
    { scanType: 'Trivy Scan', productName: 'X', engagementName: 'E1' },
    report,
  );
  const b = await upload(
    outsider,
    '/api/v1/import?async=true',
    { scanType: 'Trivy Scan', productName: 'Nope', engagementName: 'E1' },
    report,
  );
  assert.equal(a.statusCode, 202, a.body);
  assert.equal(b.statusCode, 202, b.body);
  assert.equal(a.json().productId, null);
  assert.equal(b.json().productId, null);
});

test('the outsider still imports into what it can see', async () => {
  const res = await upload(
    outsider,
    '/api/v1/import',
    { scanType: 'Trivy Scan', productName: 'Own', engagementName: 'E1', autoCreateContext: true },
    report,
  );
  assert.equal(res.statusCode, 201, res.body);
});
