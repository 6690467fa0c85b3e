import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AdvisorySummaryRow } from '@vigil/db';
import { narrowsOnlyById, pageOfNamed } from './named-advisories.ts';

const row = (id: number, modified: string, extra: Partial<AdvisorySummaryRow> = {}): AdvisorySummaryRow => ({
  id,
  osv_id: `GHSA-${id}`,
  modified: new Date(modified),
  published: null,
  withdrawn: null,
  summary: null,
  severity_score: null,
  severity_rating: null,
  aliases: [],
  canonical_id: `GHSA-${id}`,
  ...extra,
});

test('only an id search without package, purl or CWE filters is answered from the records it names', () => {
  assert.equal(narrowsOnlyById({ vulnId: 'CVE-1', ratings: ['high'] }), true);
  assert.equal(narrowsOnlyById({ vulnId: 'CVE-1', cwe: 79 }), false);
  assert.equal(narrowsOnlyById({ ecosystem: 'npm' }), false);
});

test('named records are filtered, ordered newest first and paged with a cursor like the search', () => {
  const named = [
    row(1, '2024-01-01T00:00:00Z', { severity_rating: 'high' }),
    row(2, '2024-03-01T00:00:00Z', { severity_rating: 'high' }),
    row(3, '2024-03-01T00:00:00Z', { severity_rating: 'high' }),
    row(4, '2024-02-01T00:00:00Z', { severity_rating: 'low' }),
    row(5, '2024-05-01T00:00:00Z', { severity_rating: 'high', withdrawn: new Date('2024-05-01T00:00:00Z') }),
  ];
  const filter = { vulnId: 'CVE-1', ratings: ['high' as const] };
  const first = pageOfNamed(named, filter, { sort: 'modified', limit: 2 });
  assert.deepEqual(
    first.items.map((a) => a.id),
    [3, 2],
  );
  assert.ok(first.nextCursor);
  const second = pageOfNamed(named, filter, { sort: 'modified', limit: 2, cursor: first.nextCursor ?? undefined });
  assert.deepEqual(
    second.items.map((a) => a.id),
    [1],
  );
  assert.equal(second.nextCursor, null);
  const withdrawnToo = pageOfNamed(named, { ...filter, includeWithdrawn: true }, { sort: 'modified', limit: 10 });
  assert.deepEqual(
    withdrawnToo.items.map((a) => a.id),
    [5, 3, 2, 1],
  );
});
