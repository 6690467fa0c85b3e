import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@vigil/db';
import { freshDatabaseOf } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

/**
 * The findings list's title and component filters: case-insensitive substrings, served by trigram indexes (migration
 * 0011).
 */
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
      `${kind}: title and componentName match case-insensitive substrings, wildcards literally; the trigram ` +
        `indexes serve both`,
      async () => {
        const pt = (await admin.post('/api/v1/product-types', { name: 'Substr' })).json();
        const product = (await admin.post('/api/v1/products', { name: 'Substr shop', productTypeId: pt.id })).json();
        const eng = (
          await admin.post('/api/v1/engagements', {
            productId: product.id,
            name: 'E',
            targetStart: '2026-01-01',
            targetEnd: '2026-12-31',
          })
        ).json();
        const t = (await admin.post('/api/v1/tests', { engagementId: eng.id, scanType: 'Manual' })).json();
        const ids: Record<string, number> = {};
        for (const [title, componentName] of [
          ['SQL injection in /search', 'search-api'],
          ['Outdated lodash', 'lodash'],
          ['Outdated lodash.merge', 'lodash.merge'],
          ['100% CPU on upload_file', 'org.apache.logging.log4j:log4j-core'],
          ['No component', null],
        ] as const) {
          const r = await admin.post('/api/v1/findings', { testId: t.id, title, severity: 'High', componentName });
          assert.equal(r.statusCode, 201, r.body);
          ids[title] = r.json().id;
        }
        const titles = async (query: string) =>
          (
            (await admin.get(`/api/v1/findings?productId=${product.id}&sort=id&${query}`)).json().items as Array<{
              title: string;
            }>
          ).map((f) => f.title);

        assert.deepEqual(await titles('componentName=LODASH'), ['Outdated lodash', 'Outdated lodash.merge']);
        assert.deepEqual(await titles('componentName=log4j-core'), ['100% CPU on upload_file']);
        assert.deepEqual(await titles('componentName=sh.m'), ['Outdated lodash.merge']);
        assert.deepEqual(await titles('componentName=nothing-like-it'), []);
        assert.deepEqual(await titles('title=outdated%20LODASH'), ['Outdated lodash', 'Outdated lodash.merge']);
        assert.deepEqual(await titles(`title=${encodeURIComponent('100%')}`), ['100% CPU on upload_file']);
        assert.deepEqual(
          await titles(`title=${encodeURIComponent('%')}`),
          ['100% CPU on upload_file'],
          '% is a character, not a wildcard',
        );
        assert.deepEqual(await titles(`title=${encodeURIComponent('d_f')}`), ['100% CPU on upload_file'], '_ too');
        assert.deepEqual(await titles(`title=${encodeURIComponent('\\')}`), []);
        assert.deepEqual(await titles('title=lodash&componentName=merge'), ['Outdated lodash.merge']);

        // With sequential scans off, the planner can only answer through an index: the trigram ones.
        await handle.db.connection().execute(async (c) => {
          await sql`SET enable_seqscan = off`.execute(c);
          try {
            for (const [column, index] of [
              ['title', 'findings_title_trgm'],
              ['component_name', 'findings_component_name_trgm'],
            ]) {
              const plan = await sql<
                Record<string, string>
              >`EXPLAIN SELECT id FROM findings WHERE ${sql.ref(column)} ILIKE ${'%lodash%'}`.execute(c);
              assert.match(
                plan.rows.map((r) => Object.values(r)[0]).join('\n'),
                new RegExp(`Bitmap Index Scan on ${index}`),
              );
            }
          } finally {
            await sql`RESET enable_seqscan`.execute(c);
          }
        });
      },
    );
  });
