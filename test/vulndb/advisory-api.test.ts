import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OsvSyncService, cvssScorer } from '@vigil/vulndb';
import { SYSTEM_ACTOR, VulndbSyncRunService } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

// ../shared/conformance/osv/records/ (ossf/osv-schema's linter records): the valid ones round-trip
// through the API; names starting nointroduced-/nondistinct- are invalid and never stored.
const RECORDS = fileURLToPath(new URL('../../../shared/conformance/osv/records/', import.meta.url));
const INVALID = ['nointroduced-', 'nondistinct-'];

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:N';

/** Two disjoint intervals in one range: never to be read as one [1.0.0, 2.1.0) interval. */
const GHSA = {
  schema_version: '1.6.0',
  id: 'GHSA-aaaa-bbbb-cccc',
  modified: '2024-02-01T00:00:00Z',
  published: '2024-01-10T08:00:00Z',
  aliases: ['CVE-2024-0001'],
  summary: 'Prototype pollution in @acme/merge',
  details: 'A long story.',
  severity: [{ type: 'CVSS_V3', score: CRITICAL }],
  affected: [
    {
      package: { ecosystem: 'npm', name: '@acme/merge', purl: 'pkg:npm/%40acme/merge' },
      ranges: [
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }],
        },
      ],
      database_specific: { source: 'https://github.com/advisories' },
    },
  ],
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001' }],
  credits: [{ name: 'Ada', type: 'FINDER', contact: ['mailto:ada@example.com'] }],
  database_specific: { cwe_ids: ['CWE-1321'], severity: 'CRITICAL' },
};
const PYSEC = {
  id: 'PYSEC-2024-1',
  modified: '2024-03-01T00:00:00Z',
  published: '2023-12-20T00:00:00Z',
  aliases: ['CVE-2024-0001'],
  summary: 'The same flaw, in the Python port',
  severity: [{ type: 'CVSS_V3', score: MEDIUM }],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'Acme_Merge' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '3.4' }] }],
      versions: ['3.3', '3.4'],
    },
  ],
};
const WITHDRAWN = {
  id: 'GHSA-wwww-wwww-wwww',
  modified: '2024-04-01T00:00:00Z',
  published: '2024-01-15T00:00:00Z',
  withdrawn: '2024-04-01T00:00:00Z',
  summary: 'A mistake',
  affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }],
};
const filler = (i: number) => ({
  id: `GHSA-fill-0000-${String(i).padStart(4, '0')}`,
  modified: `2023-06-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
  published: `2023-05-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
  summary: `filler ${i}`,
  affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [SEMVER_FROM_ZERO] }],
  database_specific: { cwe_ids: ['CWE-79'], severity: 'MODERATE' },
});
const SEMVER_FROM_ZERO = { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] };

let db: TestDatabase;
let h: Harness;
let alice: TestUser;
let admin: TestUser;

const ids = async (user: TestUser, query: string) => {
  const res = await user.get(`/api/v1/advisories?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { id: string }[]).map((a) => a.id);
};

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  alice = await h.user('alice');
  admin = await h.user('root', { admin: true });
  const loader = new OsvSyncService(db.uow, cvssScorer, { batchSize: 4 });
  const records = [GHSA, PYSEC, WITHDRAWN, ...Array.from({ length: 7 }, (_, i) => filler(i))];
  await loader.load(
    records.map((r) => ({ where: `${r.id}.json`, text: JSON.stringify(r) })),
    { source: 'osv', ecosystem: 'npm', origin: 'test.zip' },
  );
});
after(async () => {
  await h.close();
  await db.drop();
});

test('search by id or alias finds every advisory of the alias', async () => {
  assert.deepEqual(await ids(alice, 'id=CVE-2024-0001'), ['PYSEC-2024-1', 'GHSA-aaaa-bbbb-cccc']);
  assert.deepEqual(await ids(alice, 'id=GHSA-aaaa-bbbb-cccc'), ['GHSA-aaaa-bbbb-cccc']);
  assert.deepEqual(await ids(alice, 'id=CVE-1999-0000'), []);
});

test('search by package compares names as the ecosystem does; a purl is compared without its version', async () => {
  assert.deepEqual(await ids(alice, 'ecosystem=PyPI&package=acme-merge'), ['PYSEC-2024-1']);
  assert.deepEqual(await ids(alice, 'ecosystem=npm&package=%40acme%2Fmerge'), ['GHSA-aaaa-bbbb-cccc']);
  assert.deepEqual(await ids(alice, 'ecosystem=npm&package=ACME'), []);
  assert.deepEqual(await ids(alice, `purl=${encodeURIComponent('pkg:npm/@acme/merge@2.0.5')}`), [
    'GHSA-aaaa-bbbb-cccc',
  ]);
  // PYSEC-2024-1 publishes no purl: a purl is read as the package it names.
  assert.deepEqual(await ids(alice, `purl=${encodeURIComponent('pkg:pypi/acme.merge@3.4')}`), ['PYSEC-2024-1']);
  const both = await alice.get('/api/v1/advisories?purl=pkg%3Anpm%2Fx&ecosystem=npm');
  assert.equal(both.statusCode, 400);
  assert.match(both.body, /purl names the package already/);
  const res = await alice.get('/api/v1/advisories?package=acme-merge');
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /package needs ecosystem/);
});

test('search by CWE, rating and dates', async () => {
  assert.deepEqual(await ids(alice, 'cwe=CWE-1321'), ['GHSA-aaaa-bbbb-cccc']);
  assert.deepEqual(await ids(alice, 'severity=critical&publishedFrom=2024-01-01'), ['GHSA-aaaa-bbbb-cccc']);
  assert.deepEqual(await ids(alice, 'severity=critical,medium&ecosystem=PyPI'), ['PYSEC-2024-1']);
  assert.deepEqual(await ids(alice, 'publishedFrom=2023-12-20&publishedTo=2024-01-10&sort=published'), [
    'GHSA-aaaa-bbbb-cccc',
    'PYSEC-2024-1',
  ]);
  assert.deepEqual(await ids(alice, 'modifiedFrom=2024-02-15T00:00:00Z'), ['PYSEC-2024-1']);
  const bad = await alice.get('/api/v1/advisories?severity=urgent&publishedFrom=yesterday');
  assert.equal(bad.statusCode, 400);
  const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).sort();
  assert.deepEqual(paths, ['querystring.publishedFrom', 'querystring.severity']);
});

test('withdrawn advisories are left out unless asked for', async () => {
  assert.deepEqual(await ids(alice, 'id=GHSA-wwww-wwww-wwww'), []);
  assert.deepEqual(await ids(alice, 'id=GHSA-wwww-wwww-wwww&includeWithdrawn=true'), ['GHSA-wwww-wwww-wwww']);
});

test('keyset pages walk every match once, newest first', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await alice.get(`/api/v1/advisories?ecosystem=npm&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as { items: { id: string; modified: string }[]; nextCursor: string | null };
    seen.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(seen.length, 8);
  assert.equal(new Set(seen).size, 8);
  assert.equal(seen[0], 'GHSA-aaaa-bbbb-cccc');
  for (const url of ['/api/v1/advisories?cursor=nonsense', '/api/v1/advisories?id=CVE-2024-0001&cursor=nonsense']) {
    const bad = await alice.get(url);
    assert.equal(bad.statusCode, 400, url);
    assert.equal(bad.json().error.details[0].path, 'cursor');
  }
  assert.equal((await alice.get('/api/v1/vulndb/sync-runs?cursor=nonsense')).statusCode, 400);
});

test('an advisory by its id: alias group, scored severities, ranges and the record as published', async () => {
  const res = await alice.get('/api/v1/advisories/GHSA-aaaa-bbbb-cccc');
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json();
  assert.equal(a.matchedBy, 'id');
  assert.deepEqual(a.aliasGroup.members, ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1']);
  assert.deepEqual(a.aliasGroup.advisories, ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1']);
  assert.equal(a.canonicalId, a.aliasGroup.canonicalId);
  assert.deepEqual(a.severities[0], {
    type: 'CVSS_V3',
    vector: CRITICAL,
    score: 9.8,
    rating: 'critical',
    affectedIndex: null,
  });
  assert.equal(a.severityScore, 9.8);
  assert.deepEqual(a.affected[0].ranges, GHSA.affected[0].ranges);
  assert.deepEqual(a.affected[0].databaseSpecific, { source: 'https://github.com/advisories' });
  assert.deepEqual(a.cwes, [1321]);
  assert.deepEqual(a.credits, [{ name: 'Ada', type: 'FINDER', contact: ['mailto:ada@example.com'] }]);
  assert.deepEqual(a.references, GHSA.references);
  assert.deepEqual(a.osv, GHSA);
});

test('an advisory by an alias answers a record of its group; an unknown id is ADVISORY_NOT_FOUND', async () => {
  const res = await alice.get('/api/v1/advisories/CVE-2024-0001');
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json();
  assert.equal(a.matchedBy, 'alias');
  assert.ok(['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'].includes(a.id));
  assert.ok(a.aliasGroup.members.includes('CVE-2024-0001'));
  const missing = await alice.get('/api/v1/advisories/CVE-1999-0000');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'ADVISORY_NOT_FOUND');
  assert.match(missing.json().error.message, /CVE-1999-0000/);
});

test('every valid conformance record round-trips: import, GET by id, the same OSV JSON', async (t) => {
  if (!existsSync(RECORDS)) return t.skip('../shared/conformance/osv/records is absent: round trip not checked');
  const loader = new OsvSyncService(db.uow, cvssScorer, { batchSize: 50 });
  let checked = 0;
  for (const name of readdirSync(RECORDS).sort()) {
    if (INVALID.some((p) => name.startsWith(p))) continue;
    const text = readFileSync(`${RECORDS}${name}`, 'utf8');
    const imported = await loader.importRecord(text, { source: 'import', ecosystem: null, origin: name });
    assert.notEqual(imported.outcome, 'invalid', `${name}: ${imported.reason}`);
    const record = JSON.parse(text);
    const res = await alice.get(`/api/v1/advisories/${encodeURIComponent(record.id)}`);
    assert.equal(res.statusCode, 200, `${name}: ${res.body.slice(0, 300)}`);
    assert.deepEqual(res.json().osv, record, name);
    checked++;
  }
  assert.ok(checked > 0, 'no valid record was found');
  t.diagnostic(`osv/records round trips through the API: ${checked}`);
});

test('the sync history is readable by every user; only administrators start a sync', async () => {
  const runs = await alice.get('/api/v1/vulndb/sync-runs?source=osv');
  assert.equal(runs.statusCode, 200, runs.body);
  const run = runs.json().items.at(-1);
  assert.equal(run.status, 'succeeded');
  assert.equal(run.origin, 'test.zip');
  assert.deepEqual(run.counts, { read: 10, inserted: 10, updated: 0, unchanged: 0, withdrawn: 1, invalid: 0 });
  assert.equal((await alice.post('/api/v1/vulndb/sync-runs', {})).statusCode, 403);
  const none = await admin.post('/api/v1/vulndb/sync-runs', {});
  assert.equal(none.statusCode, 409);
  assert.match(none.json().error.message, /VIGIL_VULNDB_OSV_ECOSYSTEMS/);
});

test('sync now queues one vulndb.sync job per configured source, once per window', async () => {
  const sources = [
    { source: 'osv' as const, ecosystem: 'npm', url: '/srv/osv/npm/all.zip' },
    { source: 'nvd' as const, url: '/srv/nvd' },
  ];
  const syncs = new VulndbSyncRunService(db.uow, sources);
  const ctx = { actor: SYSTEM_ACTOR };
  const first = await syncs.trigger(ctx, {});
  assert.deepEqual(
    first.queued.map((q) => [q.source, q.ecosystem, q.url, typeof q.jobId]),
    [
      ['osv', 'npm', '/srv/osv/npm/all.zip', 'string'],
      ['nvd', null, '/srv/nvd', 'string'],
    ],
  );
  const again = await syncs.trigger(ctx, { source: 'osv', ecosystem: 'npm' });
  assert.deepEqual(
    again.queued.map((q) => q.jobId),
    [null],
  );
  await assert.rejects(syncs.trigger(ctx, { source: 'osv', ecosystem: 'PyPI' }), /No configured source matches/);
});

test('an id that is a record and an alias finds both, with the other filters', async () => {
  const loader = new OsvSyncService(db.uow, cvssScorer);
  const from = { source: 'import', ecosystem: null, origin: 'test' };
  await loader.importRecord(JSON.stringify({ id: 'CVE-2024-0002', modified: '2024-05-01T00:00:00Z' }), from);
  const ghsa = {
    id: 'GHSA-dddd-dddd-dddd',
    modified: '2024-05-02T00:00:00Z',
    aliases: ['CVE-2024-0002'],
    severity: [{ type: 'CVSS_V3', score: CRITICAL }],
  };
  await loader.importRecord(JSON.stringify(ghsa), from);
  assert.deepEqual(await ids(alice, 'id=CVE-2024-0002'), ['GHSA-dddd-dddd-dddd', 'CVE-2024-0002']);
  assert.deepEqual(await ids(alice, 'id=CVE-2024-0002&severity=critical'), ['GHSA-dddd-dddd-dddd']);
  const first = await alice.get('/api/v1/advisories?id=CVE-2024-0002&limit=1');
  const next = await alice.get(`/api/v1/advisories?id=CVE-2024-0002&limit=1&cursor=${first.json().nextCursor}`);
  assert.deepEqual(
    next.json().items.map((a: { id: string }) => a.id),
    ['CVE-2024-0002'],
  );
  assert.equal(next.json().nextCursor, null);
});
