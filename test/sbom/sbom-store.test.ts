// The SBOM inventory store (migration 0021, SbomRepository + SbomQueryRepository) on PostgreSQL and on
// the embedded database (PGlite): set-based replace, the (purl type, normalized name) lookup, keyset
// component pages, the diff.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { InventoryWrite } from '@vigil/db';
import { componentKeys, readSbom } from '@vigil/vulndb';
import { type DatabaseKindUnderTest, freshDatabaseOf } from '../support/postgres.ts';

let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
let productId: number;
let engagementA: number;
let engagementB: number;

function bom(components: { name: string; version: string; purl?: string; license?: string }[]) {
  return Buffer.from(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: components.map((c) => ({
        type: 'library',
        'bom-ref': c.name,
        name: c.name,
        version: c.version,
        ...(c.purl ? { purl: c.purl } : {}),
        ...(c.license ? { licenses: [{ expression: c.license }] } : {}),
      })),
      dependencies: [{ ref: components[0].name, dependsOn: components.slice(1).map((c) => c.name) }],
    }),
  );
}

function write(engagementId: number, bytes: Buffer): InventoryWrite {
  const { inventory, contentHash, encoding } = readSbom(bytes);
  return {
    engagementId,
    productId,
    importedBy: null,
    format: inventory.format,
    encoding,
    specVersion: inventory.specVersion,
    serialNumber: inventory.serialNumber,
    rootRef: inventory.rootRef,
    contentHash,
    warnings: inventory.warnings,
    components: inventory.components.map((c) => ({ ...c, ...componentKeys(c) })),
    dependencies: inventory.dependencies,
  };
}

for (const kind of ['postgres', 'embedded'] satisfies DatabaseKindUnderTest[]) {
  describe(kind, () => {
    before(async () => {
      db = await freshDatabaseOf(kind);
      const k = db.handle.db;
      const type = await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('apps') RETURNING id`.execute(k);
      const product = await sql<{ id: number }>`
        INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, 'shop') RETURNING id`.execute(k);
      productId = product.rows[0].id;
      const engagements = await sql<{ id: number }>`
        INSERT INTO engagements (product_id, name, target_start, target_end)
        VALUES (${productId}, '1.0', '2026-01-01', '2026-01-02'), (${productId}, '2.0', '2026-01-01', '2026-01-02')
        RETURNING id`.execute(k);
      [engagementA, engagementB] = engagements.rows.map((r) => r.id);
    });

    after(async () => {
      await db?.close();
    });

    test('an inventory is written set-based, replaced on re-import, and components are shared', async () => {
      const first = bom([
        { name: 'shop', version: '1.0' },
        { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', license: 'MIT' },
        { name: 'Django_Rest', version: '1.0', purl: 'pkg:pypi/Django_Rest@1.0', license: 'BSD-3-Clause OR MIT' },
      ]);
      await db.uow.transaction((repos) => repos.sbom.replaceInventory(write(engagementA, first)));
      const again = bom([
        { name: 'shop', version: '1.0' },
        { name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' },
      ]);
      await db.uow.transaction((repos) => repos.sbom.replaceInventory(write(engagementB, first)));
      await db.uow.transaction((repos) => repos.sbom.replaceInventory(write(engagementB, again)));
      const summary = await db.uow.repos.sbom.inventoryOf(engagementB);
      assert.equal(summary?.component_count, 2);
      assert.equal(summary?.dependency_count, 1);
      const counts = await sql<{ inventories: number; catalogue: number; edges: number; licenses: number }>`
        SELECT (SELECT count(*)::int FROM sbom_inventories) AS inventories,
          (SELECT count(*)::int FROM components) AS catalogue,
          (SELECT count(*)::int FROM inventory_dependencies) AS edges,
          (SELECT count(*)::int FROM inventory_component_licenses) AS licenses`.execute(db.handle.db);
      // shop, lodash 4.17.20, Django_Rest 1.0, lodash 4.17.21: one catalogue row per package version.
      assert.deepEqual(counts.rows[0], { inventories: 2, catalogue: 4, edges: 3, licenses: 2 });
      const licenses = await sql<{ license_ids: string[] }>`
        SELECT license_ids FROM inventory_component_licenses ORDER BY ordinal, expression`.execute(db.handle.db);
      assert.deepEqual(licenses.rows.map((r) => r.license_ids).sort(), [['BSD-3-Clause', 'MIT'], ['MIT']]);
    });

    test('components page by name with a search; usages look up by (purl type, normalized name)', async () => {
      const q = db.uow.repos.sbomQuery;
      const page1 = await q.listComponents(engagementA, { limit: 2 });
      assert.deepEqual(
        page1.items.map((c) => c.name),
        ['Django_Rest', 'lodash'],
      );
      assert.ok(page1.nextCursor);
      const page2 = await q.listComponents(engagementA, { limit: 2, cursor: page1.nextCursor ?? undefined });
      assert.deepEqual(
        page2.items.map((c) => c.name),
        ['shop'],
      );
      assert.equal(page2.nextCursor, null);
      const searched = await q.listComponents(engagementA, { limit: 10, q: 'pkg:pypi' });
      assert.deepEqual(
        searched.items.map((c) => [c.name, c.normalized_name, c.licenses]),
        [['Django_Rest', 'django-rest', ['BSD-3-Clause OR MIT']]],
      );
      const lodash = await q.usages({ purlType: 'npm', normalizedName: 'lodash', limit: 10 });
      assert.deepEqual(
        lodash.items.map((u) => [u.engagement_name, u.version]),
        [
          ['1.0', '4.17.20'],
          ['2.0', '4.17.21'],
        ],
      );
      const one = await q.usages({ purlType: 'npm', normalizedName: 'lodash', version: '4.17.21', limit: 10 });
      assert.deepEqual(
        one.items.map((u) => u.engagement_id),
        [engagementB],
      );
      const unreadable = await q.usages({ purlType: 'npm', normalizedName: 'lodash', readableBy: 999, limit: 10 });
      assert.deepEqual(unreadable.items, []);
    });

    test('the diff of two inventories lists added, removed and changed packages', async () => {
      const rows = await db.uow.repos.sbomQuery.diff(engagementB, engagementA);
      assert.deepEqual(
        rows.map((r) => [r.package_key, r.before_versions, r.after_versions]),
        [
          ['pypi/django-rest', ['1.0'], null],
          ['npm/lodash', ['4.17.20'], ['4.17.21']],
        ],
      );
    });
  });
}
