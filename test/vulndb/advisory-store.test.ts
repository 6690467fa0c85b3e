import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { UnitOfWork } from '@vigil/db';
import { OsvSyncService, type SeverityScorer } from '@vigil/vulndb';
import { freshDatabaseOf, type DatabaseKindUnderTest } from '../support/postgres.ts';

// ../shared/conformance/osv/ (ossf/osv-schema: the osv-linter's real records; names starting
// nointroduced-/nondistinct-/nopackage- are the deliberately invalid ones).
const RECORDS = fileURLToPath(new URL('../../../shared/conformance/osv/records/', import.meta.url));
const SCHEMA_INVALID = ['nointroduced-', 'nondistinct-'];

/** Scores by the vector's confidentiality impact: the pipeline is under test here, not CVSS arithmetic. */
const scorer: SeverityScorer = (_type, vector) =>
  /\/(C|VC):H/.test(vector) ? { score: 9.1, rating: 'critical' } : { score: 5.3, rating: 'medium' };

function osv(id: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, modified: '2024-01-01T00:00:00Z', summary: `summary of ${id}`, ...fields });
}

function npmAffected(name: string, ranges: unknown[] = [{ type: 'SEMVER', events: [{ introduced: '0' }] }]) {
  return [{ package: { ecosystem: 'npm', name, purl: `pkg:npm/${name}` }, ranges }];
}

for (const kind of ['postgres', 'embedded'] as DatabaseKindUnderTest[])
  describe(`advisory store on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
    let uow: UnitOfWork;
    let loader: OsvSyncService;
    const load = (texts: string[], source = 'osv') =>
      loader.load(
        texts.map((text, i) => ({ where: `r${i}.json`, text })),
        { source, ecosystem: 'npm', origin: 'test' },
      );
    before(async () => {
      db = await freshDatabaseOf(kind);
      uow = db.uow;
      loader = new OsvSyncService(uow, scorer, { batchSize: 3 });
    });
    after(() => db.close());

    test('every valid conformance record round-trips: import, read back, the same OSV JSON', async (t) => {
      if (!existsSync(RECORDS)) return t.skip('../shared/conformance/osv is absent: round trip not checked');
      let roundTrips = 0;
      for (const name of readdirSync(RECORDS).sort()) {
        const text = readFileSync(`${RECORDS}${name}`, 'utf8');
        const result = await loader.importRecord(text, { source: 'import', ecosystem: null, origin: name });
        if (SCHEMA_INVALID.some((p) => name.startsWith(p))) {
          assert.equal(result.outcome, 'invalid', name);
          assert.equal(result.id, JSON.parse(text).id, 'the invalid record is reported by its id');
          assert.match(result.reason ?? '', /events/);
          continue;
        }
        // nopackage- differs from a valid record only by a package name PyPI does not have: stored like any other.
        assert.notEqual(result.outcome, 'invalid', `${name}: ${result.reason}`);
        const id = JSON.parse(text).id;
        assert.deepEqual(await uow.repos.advisorySearch.record(id), JSON.parse(text), name);
        if (!name.startsWith('nopackage-')) roundTrips++;
      }
      assert.equal(roundTrips, 9);
      const ghsa = await uow.repos.advisorySearch.detail('GHSA-9v2f-6vcg-3hgv');
      assert.deepEqual(ghsa?.cwes, [94]);
      assert.equal(ghsa?.severity_rating, 'critical');
      assert.deepEqual(
        ghsa?.severities.map((s) => s.type),
        ['CVSS_V3', 'SOURCE_RATING'],
      );
    });

    test('ranges are stored as published, never flattened', async () => {
      const ranges = [
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.0.5' }],
          database_specific: { note: 'two disjoint intervals' },
        },
      ];
      await load([osv('GHSA-rrrr-rrrr-rrrr', { affected: npmAffected('two-ranges', ranges) })]);
      const detail = await uow.repos.advisorySearch.detail('GHSA-rrrr-rrrr-rrrr');
      assert.deepEqual(detail?.affected[0].ranges, ranges);
      assert.equal(detail?.affected[0].purl, 'pkg:npm/two-ranges');
    });

    test('unchanged records are skipped by modified, later ones replace, stale ones are ignored', async () => {
      const first = await load([osv('GHSA-aaaa-aaaa-aaaa'), osv('GHSA-bbbb-bbbb-bbbb'), '{"broken"']);
      assert.deepEqual([first.read, first.inserted, first.updated, first.unchanged, first.invalid], [3, 2, 0, 0, 1]);
      assert.equal(first.status, 'succeeded');
      assert.match(JSON.stringify(first.invalid_records), /r2\.json.*not JSON/);
      const again = await load([osv('GHSA-aaaa-aaaa-aaaa'), osv('GHSA-bbbb-bbbb-bbbb')]);
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
      const newer = osv('GHSA-aaaa-aaaa-aaaa', { modified: '2024-02-01T00:00:00Z', summary: 'new text' });
      const stale = osv('GHSA-bbbb-bbbb-bbbb', { modified: '2023-01-01T00:00:00Z', summary: 'old text' });
      const third = await load([newer, stale]);
      assert.deepEqual([third.inserted, third.updated, third.unchanged], [0, 1, 1]);
      const [a] = await uow.repos.advisorySearch.findByIdOrAlias('GHSA-aaaa-aaaa-aaaa');
      const [b] = await uow.repos.advisorySearch.findByIdOrAlias('GHSA-bbbb-bbbb-bbbb');
      assert.equal(a.summary, 'new text');
      assert.equal(b.summary, 'summary of GHSA-bbbb-bbbb-bbbb');
    });

    test('a withdrawn record is marked and counted, and left out of searches unless asked for', async () => {
      await load([osv('GHSA-wwww-wwww-wwww', { affected: npmAffected('withdrawn-pkg') })]);
      const run = await load([
        osv('GHSA-wwww-wwww-wwww', {
          modified: '2024-03-01T00:00:00Z',
          withdrawn: '2024-03-01T00:00:00Z',
          affected: npmAffected('withdrawn-pkg'),
        }),
      ]);
      assert.deepEqual([run.updated, run.withdrawn], [1, 1]);
      const hidden = await uow.repos.advisorySearch.search({ normalizedName: 'withdrawn-pkg' }, { limit: 10 });
      assert.equal(hidden.items.length, 0);
      const shown = await uow.repos.advisorySearch.search(
        { normalizedName: 'withdrawn-pkg', includeWithdrawn: true },
        { limit: 10 },
      );
      assert.equal(shown.items[0].withdrawn?.toISOString(), '2024-03-01T00:00:00.000Z');
    });

    test('ids sharing aliases form one group with the CVE as canonical id; a dropped alias splits it', async () => {
      await load([
        osv('GHSA-gggg-gggg-gggg', { aliases: ['CVE-2024-1000'] }),
        osv('PYSEC-2024-1', { aliases: ['CVE-2024-1000', 'GHSA-gggg-gggg-gggg'] }),
        osv('GO-2024-0001', { aliases: ['GHSA-hhhh-hhhh-hhhh'] }),
      ]);
      await load([osv('GHSA-hhhh-hhhh-hhhh', { aliases: ['CVE-2024-1000'] })]);
      const group = await uow.repos.aliasGroups.groupOf('GO-2024-0001');
      assert.equal(group?.canonical_id, 'CVE-2024-1000');
      assert.deepEqual(group?.members, [
        'CVE-2024-1000',
        'GHSA-gggg-gggg-gggg',
        'GHSA-hhhh-hhhh-hhhh',
        'GO-2024-0001',
        'PYSEC-2024-1',
      ]);
      const byAlias = await uow.repos.advisorySearch.findByIdOrAlias('CVE-2024-1000');
      assert.deepEqual(
        byAlias.map((a) => [a.osv_id, a.canonical_id]),
        [
          ['GHSA-gggg-gggg-gggg', 'CVE-2024-1000'],
          ['GHSA-hhhh-hhhh-hhhh', 'CVE-2024-1000'],
          ['PYSEC-2024-1', 'CVE-2024-1000'],
        ],
      );
      await load([osv('GHSA-hhhh-hhhh-hhhh', { modified: '2024-05-01T00:00:00Z' })]);
      const split = await uow.repos.aliasGroups.groupOf('GO-2024-0001');
      assert.deepEqual(split?.members, ['GHSA-hhhh-hhhh-hhhh', 'GO-2024-0001']);
      assert.equal(split?.canonical_id, 'GHSA-hhhh-hhhh-hhhh');
      assert.equal((await uow.repos.aliasGroups.groupOf('PYSEC-2024-1'))?.canonical_id, 'CVE-2024-1000');
      const orphans = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM advisory_alias_groups g
        WHERE NOT EXISTS (SELECT 1 FROM advisory_alias_group_members m WHERE m.group_id = g.id)`.execute(db.handle.db);
      assert.equal(orphans.rows[0].n, 0, 'no group is left without members');
    });

    test('search by package, purl, CWE, severity and dates pages with a keyset cursor', async () => {
      const texts = Array.from({ length: 7 }, (_, i) =>
        osv(`GHSA-sss${i}-ssss-ssss`, {
          modified: `2024-06-0${i + 1}T00:00:00.123456Z`,
          published: `2024-05-0${i + 1}T00:00:00Z`,
          affected: npmAffected(i < 5 ? 'searched' : 'other'),
          severity: [{ type: 'CVSS_V3', score: `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:${i % 2 ? 'H' : 'L'}/I:N/A:N` }],
          database_specific: { cwe_ids: [i < 3 ? 'CWE-79' : 'CWE-89'] },
        }),
      );
      await load(texts);
      const search = uow.repos.advisorySearch;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search.search({ ecosystem: 'npm', normalizedName: 'searched' }, { limit: 2, cursor });
        seen.push(...page.items.map((a) => a.osv_id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(
        seen,
        [4, 3, 2, 1, 0].map((i) => `GHSA-sss${i}-ssss-ssss`),
      );
      const byPurl = await search.search({ purl: 'pkg:npm/other' }, { limit: 10 });
      assert.deepEqual(
        byPurl.items.map((a) => a.osv_id),
        ['GHSA-sss6-ssss-ssss', 'GHSA-sss5-ssss-ssss'],
      );
      const xss = await search.search({ cwe: 79, normalizedName: 'searched' }, { limit: 10 });
      assert.equal(xss.items.length, 3);
      const critical = await search.search({ ratings: ['critical'], normalizedName: 'searched' }, { limit: 10 });
      assert.deepEqual(
        critical.items.map((a) => a.osv_id),
        ['GHSA-sss3-ssss-ssss', 'GHSA-sss1-ssss-ssss'],
      );
      assert.equal(critical.items[0].severity_score, 9.1);
      const window = await search.search(
        { publishedFrom: new Date('2024-05-02T00:00:00Z'), publishedTo: new Date('2024-05-04T00:00:00Z') },
        { limit: 10, sort: 'published' },
      );
      assert.deepEqual(
        window.items.map((a) => a.osv_id),
        ['GHSA-sss2-ssss-ssss', 'GHSA-sss1-ssss-ssss'],
      );
      const byAlias = await search.search({ vulnId: 'GHSA-sss0-ssss-ssss' }, { limit: 10 });
      assert.equal(byAlias.items.length, 1);
    });

    test('the sync history lists runs newest first, page by page', async () => {
      const runs = uow.repos.vulndbSyncRuns;
      const first = await runs.list({ limit: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.nextCursor);
      const second = await runs.list({ limit: 2, cursor: first.nextCursor ?? undefined });
      assert.ok(second.items[0].id < first.items[1].id);
      assert.ok(first.items.every((r) => r.status === 'succeeded' && r.finished_at !== null));
    });
  });
