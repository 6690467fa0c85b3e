import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase, createUnitOfWork, MigrationRunner, type Database } from '@vigil/db';
import { freshDatabase } from '../support/postgres.ts';
import { createHarness, type TestUser } from '../support/harness.ts';
import { fixture, upload } from './support.ts';

async function originalsPerHash(db: Kysely<Database>, productName: string) {
  const r = await sql<{ hash_code: string; originals: number; total: number }>`
    SELECT f.hash_code, count(*) FILTER (WHERE NOT f.duplicate)::int AS originals, count(*)::int AS total
    FROM findings f JOIN products p ON p.id = f.product_id WHERE lower(p.name) = lower(${productName})
      GROUP BY f.hash_code`.execute(db);
  return r.rows;
}

async function race(admin: TestUser, db: Kysely<Database>, copies: number) {
  const report = fixture('sca/fixtures/trivy/schema2.json');
  const fields = {
    scan_type: 'Trivy Scan',
    product_type_name: 'Race PT',
    product_name: 'Race shop',
    engagement_name: 'CI',
    auto_create_context: 'true',
  };
  const results = await Promise.all(
    Array.from({ length: copies }, () => upload(admin, '/api/v2/import-scan/', fields, report)),
  );
  for (const r of results) assert.equal(r.statusCode, 201, r.body);
  assert.equal(new Set(results.map((r) => r.json().product_id)).size, 1, 'one product auto-created');
  assert.equal(new Set(results.map((r) => r.json().engagement_id)).size, 1, 'one engagement auto-created');
  const rows = await originalsPerHash(db, 'Race shop');
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.equal(row.originals, 1, `hash ${row.hash_code}: exactly one original`);
    assert.equal(row.total, copies);
  }
}

test('PostgreSQL: concurrent imports of one report into one product create exactly one original per hash', async () => {
  const db = await freshDatabase();
  const h = await createHarness(db.uow, { artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')) });
  try {
    const admin = await h.user('admin', { admin: true });
    await race(admin, db.handle.db, 4);
    // Into existing engagements of one product (no name locks involved): only the product lock serializes.
    const first = (
      await upload(
        admin,
        '/api/v2/import-scan/',
        { scan_type: 'Bandit Scan', product_name: 'Race shop', engagement_name: 'other', auto_create_context: 'true' },
        '{"results": []}',
      )
    ).json();
    const report = fixture('sast/fixtures/bandit/results.json');
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        upload(admin, '/api/v2/import-scan/', { scan_type: 'Bandit Scan', engagement: first.engagement_id }, report),
      ),
    );
    for (const r of results) assert.equal(r.statusCode, 201, r.body);
    for (const row of await originalsPerHash(db.handle.db, 'Race shop'))
      assert.equal(row.originals, 1, `hash ${row.hash_code}: exactly one original`);
  } finally {
    await h.close();
    await db.drop();
  }
});

test('embedded PGlite: import, reimport and concurrent imports work', async () => {
  const handle = await createDatabase({ dataDir: 'memory://' });
  try {
    await new MigrationRunner(handle.db).up();
    const h = await createHarness(createUnitOfWork(handle.db), {
      artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')),
    });
    const admin = await h.user('admin', { admin: true });
    await race(admin, handle.db, 3);
    const first = (
      await upload(
        admin,
        '/api/v2/import-scan/',
        { scan_type: 'Bandit Scan', product_name: 'Race shop', engagement_name: 'CI' },
        fixture('sast/fixtures/bandit/results.json'),
      )
    ).json();
    const re = await upload(
      admin,
      '/api/v2/reimport-scan/',
      { scan_type: 'Bandit Scan', test: first.test },
      fixture('sast/fixtures/bandit/results.json'),
    );
    assert.equal(re.statusCode, 201, re.body);
    assert.equal(re.json().statistics.delta.untouched.total.total, first.statistics.after.total.total);
    await h.close();
  } finally {
    await handle.close();
  }
});
