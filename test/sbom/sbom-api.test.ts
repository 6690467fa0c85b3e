// The SBOM API on PostgreSQL: upload (multipart and raw JSON/XML bodies), re-import of the same bytes
// writing nothing, refusals with the path, components, usages by purl (readable products only), diff.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';

let db: TestDatabase;
let h: Harness;
let writer: TestUser;
let reader: TestUser;
let stranger: TestUser;
let v1: number;
let v2: number;
let hidden: number;

const cyclonedx = (lodash: string, extra: object[] = []) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    metadata: { component: { type: 'application', 'bom-ref': 'shop', name: 'shop' } },
    components: [
      {
        type: 'library',
        'bom-ref': 'lodash',
        name: 'lodash',
        version: lodash,
        purl: `pkg:npm/lodash@${lodash}`,
        licenses: [{ license: { id: 'MIT' } }],
      },
      ...extra,
    ],
    dependencies: [{ ref: 'shop', dependsOn: ['lodash'] }],
  });

const XML = `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library" bom-ref="lodash"><name>lodash</name><version>4.17.21</version>
      <purl>pkg:npm/lodash@4.17.21</purl></component>
    <component type="library" bom-ref="requests"><name>requests</name><version>2.31.0</version>
      <purl>pkg:pypi/requests@2.31.0</purl></component>
  </components>
</bom>`;

async function engagement(productId: number, name: string): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO engagements (product_id, name, target_start, target_end)
    VALUES (${productId}, ${name}, '2026-01-01', '2026-01-02') RETURNING id`.execute(db.handle.db);
  return r.rows[0].id;
}

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  writer = await h.user('writer');
  reader = await h.user('reader');
  stranger = await h.user('stranger');
  const k = db.handle.db;
  const type = await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('apps') RETURNING id`.execute(k);
  const products = await sql<{ id: number }>`
    INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, 'shop'), (${type.rows[0].id}, 'vault')
    RETURNING id`.execute(k);
  const [shop, vault] = products.rows.map((r) => r.id);
  await sql`INSERT INTO memberships (user_id, product_id, role) VALUES
    (${writer.id}, ${shop}, 'Writer'), (${reader.id}, ${shop}, 'Reader'), (${writer.id}, ${vault}, 'Writer')`.execute(
    k,
  );
  v1 = await engagement(shop, '1.0');
  v2 = await engagement(shop, '2.0');
  hidden = await engagement(vault, '9.9');
});

after(async () => {
  await h.close();
  await db.drop();
});

const upload = (user: TestUser, id: number, content: string, name = 'bom.json') =>
  user.request({ method: 'POST', url: `/api/v1/engagements/${id}/sbom`, ...multipartBody({}, { name, content }) });

test('an SBOM uploads as multipart; the same bytes again write nothing', async () => {
  const first = await upload(writer, v1, cyclonedx('4.17.20'));
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(
    (({ changed, format, encoding, componentCount, dependencyCount }) => ({
      changed,
      format,
      encoding,
      componentCount,
      dependencyCount,
    }))(first.json()),
    { changed: true, format: 'cyclonedx', encoding: 'cyclonedx-json', componentCount: 2, dependencyCount: 1 },
  );
  const before = await sql<{ id: number; imported_at: Date }>`
    SELECT id, imported_at FROM sbom_inventories WHERE engagement_id = ${v1}`.execute(db.handle.db);
  const again = await upload(writer, v1, cyclonedx('4.17.20'));
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().changed, false);
  const afterwards = await sql<{ id: number; imported_at: Date }>`
    SELECT id, imported_at FROM sbom_inventories WHERE engagement_id = ${v1}`.execute(db.handle.db);
  assert.deepEqual(afterwards.rows, before.rows);
  const audits = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'sbom_inventory'`.execute(db.handle.db);
  assert.equal(audits.rows[0].n, 1);
  // The upload queued one match of the new inventory (the unchanged re-upload queued none).
  const matches = await sql<{ data: { engagementId: number } }>`
    SELECT data FROM pgboss.job WHERE name = 'sbom.match'`.execute(db.handle.db);
  assert.deepEqual(
    matches.rows.map((r) => r.data.engagementId),
    [v1],
  );
});

test('raw JSON and XML bodies upload too', async () => {
  const xml = await writer.request({
    method: 'POST',
    url: `/api/v1/engagements/${v2}/sbom`,
    headers: { 'content-type': 'application/vnd.cyclonedx+xml' },
    payload: XML,
  });
  assert.equal(xml.statusCode, 200, xml.body);
  assert.equal(xml.json().encoding, 'cyclonedx-xml');
  const json = await writer.request({
    method: 'POST',
    url: `/api/v1/engagements/${hidden}/sbom`,
    headers: { 'content-type': 'application/json' },
    payload: cyclonedx('4.17.21'),
  });
  assert.equal(json.statusCode, 200, json.body);
  assert.equal(json.json().componentCount, 2);
});

test('an invalid SBOM is refused with the path of the first error, and nothing changes', async () => {
  const bad = await upload(writer, v1, cyclonedx('4.17.20', [{ type: 'gadget', name: 'x' }]));
  assert.equal(bad.statusCode, 422, bad.body);
  assert.deepEqual(bad.json().error.details[0].path, '/components/1/type');
  const xxe = await upload(
    writer,
    v1,
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><bom/>',
  );
  assert.equal(xxe.statusCode, 422);
  assert.match(xxe.json().error.message, /DOCTYPE/);
  const still = await reader.get(`/api/v1/engagements/${v1}/components`);
  assert.deepEqual(
    still.json().items.map((c: { version: string }) => c.version),
    ['4.17.20', null],
  );
});

test('importing needs Writer, reading Reader; others get 403 or 404', async () => {
  assert.equal((await upload(reader, v1, cyclonedx('1.0.0'))).statusCode, 403);
  assert.equal((await upload(stranger, v1, cyclonedx('1.0.0'))).statusCode, 404);
  assert.equal((await stranger.get(`/api/v1/engagements/${v1}/components`)).statusCode, 404);
  assert.equal((await reader.get(`/api/v1/engagements/${v1}/sbom-diff?against=${hidden}`)).statusCode, 404);
});

test('components list with search and pages', async () => {
  const page = await reader.get(`/api/v1/engagements/${v2}/components?limit=1`);
  assert.equal(page.statusCode, 200, page.body);
  const body = page.json();
  assert.deepEqual(
    body.items.map((c: { name: string }) => c.name),
    ['lodash'],
  );
  const next = await reader.get(`/api/v1/engagements/${v2}/components?limit=1&cursor=${body.nextCursor}`);
  assert.deepEqual(
    next.json().items.map((c: { purlType: string }) => c.purlType),
    ['pypi'],
  );
  const searched = await reader.get(`/api/v1/engagements/${v1}/components?q=LODASH`);
  const [lodash] = searched.json().items;
  assert.deepEqual([lodash.purl, lodash.licenses, lodash.ecosystem], ['pkg:npm/lodash@4.17.20', ['MIT'], 'npm']);
});

test('who uses a package: every version or one, only on readable products', async () => {
  const versions = async (user: TestUser, purl: string) => {
    const res = await user.get(`/api/v1/components?purl=${encodeURIComponent(purl)}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.map((u: { engagementName: string; version: string }) => `${u.engagementName}:${u.version}`);
  };
  assert.deepEqual(await versions(writer, 'pkg:npm/lodash'), ['1.0:4.17.20', '2.0:4.17.21', '9.9:4.17.21']);
  assert.deepEqual(await versions(reader, 'pkg:npm/lodash'), ['1.0:4.17.20', '2.0:4.17.21']);
  assert.deepEqual(await versions(reader, 'pkg:npm/lodash@4.17.21'), ['2.0:4.17.21']);
  assert.deepEqual(await versions(stranger, 'pkg:npm/lodash'), []);
  const bad = await reader.get('/api/v1/components?purl=not-a-purl');
  assert.equal(bad.statusCode, 400);
});

test('the diff lists added, removed and changed packages', async () => {
  const res = await reader.get(`/api/v1/engagements/${v2}/sbom-diff?against=${v1}`);
  assert.equal(res.statusCode, 200, res.body);
  const diff = res.json();
  assert.deepEqual(
    diff.added.map((p: { name: string }) => p.name),
    ['requests'],
  );
  assert.deepEqual(
    diff.removed.map((p: { name: string; before: string[] }) => [p.name, p.before]),
    [['shop', []]],
  );
  assert.deepEqual(
    diff.changed.map((p: { name: string; before: string[]; after: string[] }) => [p.name, p.before, p.after]),
    [['lodash', ['4.17.20'], ['4.17.21']]],
  );
});
