import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalId, planAliasGroups } from './alias-groups.ts';

test('the canonical id prefers a CVE, then a GHSA, then a stored advisory, then natural order', () => {
  const stored = new Set(['PYSEC-2024-1', 'GHSA-aaaa-aaaa-aaaa']);
  assert.equal(canonicalId(['PYSEC-2024-1', 'GHSA-aaaa-aaaa-aaaa', 'CVE-2024-99'], stored), 'CVE-2024-99');
  assert.equal(
    canonicalId(['PYSEC-2024-1', 'GHSA-zzzz-zzzz-zzzz', 'GHSA-aaaa-aaaa-aaaa'], stored),
    'GHSA-aaaa-aaaa-aaaa',
  );
  assert.equal(canonicalId(['CVE-2024-10000', 'CVE-2024-9999'], stored), 'CVE-2024-9999');
  assert.equal(canonicalId(['RUSTSEC-2024-2', 'PYSEC-2024-1'], stored), 'PYSEC-2024-1');
});

test('shared aliases join advisories into one group, keeping the old group id', () => {
  const plan = planAliasGroups({
    members: [
      { vuln_id: 'GHSA-a', group_id: 7 },
      { vuln_id: 'CVE-1', group_id: 7 },
    ],
    advisoryIds: ['GHSA-a', 'PYSEC-1'],
    edges: [
      { osv_id: 'GHSA-a', alias: 'CVE-1' },
      { osv_id: 'PYSEC-1', alias: 'CVE-1' },
    ],
  });
  assert.deepEqual(plan.groups, [{ groupId: 7, canonicalId: 'CVE-1', members: ['CVE-1', 'GHSA-a', 'PYSEC-1'] }]);
  assert.deepEqual(plan.removed, []);
  assert.deepEqual(plan.obsoleteGroupIds, []);
});

test('two groups bridged by a new alias merge; the smaller old group is dropped', () => {
  const plan = planAliasGroups({
    members: [
      { vuln_id: 'GHSA-a', group_id: 1 },
      { vuln_id: 'CVE-1', group_id: 1 },
      { vuln_id: 'GO-1', group_id: 2 },
    ],
    advisoryIds: ['GHSA-a', 'GO-1'],
    edges: [
      { osv_id: 'GHSA-a', alias: 'CVE-1' },
      { osv_id: 'GO-1', alias: 'CVE-1' },
    ],
  });
  assert.equal(plan.groups.length, 1);
  assert.equal(plan.groups[0].groupId, 1);
  assert.deepEqual(plan.obsoleteGroupIds, [2]);
});

test('an alias no advisory names any more leaves, and a split gives the old id to the larger part', () => {
  const plan = planAliasGroups({
    members: [
      { vuln_id: 'GHSA-a', group_id: 3 },
      { vuln_id: 'CVE-1', group_id: 3 },
      { vuln_id: 'PYSEC-1', group_id: 3 },
      { vuln_id: 'GO-1', group_id: 3 },
      { vuln_id: 'CVE-2', group_id: 3 },
    ],
    advisoryIds: ['GHSA-a', 'PYSEC-1', 'GO-1'],
    edges: [
      { osv_id: 'GHSA-a', alias: 'CVE-1' },
      { osv_id: 'PYSEC-1', alias: 'CVE-1' },
    ],
  });
  assert.deepEqual(
    plan.groups.map((g) => [g.groupId, g.canonicalId, g.members]),
    [
      [3, 'CVE-1', ['CVE-1', 'GHSA-a', 'PYSEC-1']],
      [null, 'GO-1', ['GO-1']],
    ],
  );
  assert.deepEqual(plan.removed, ['CVE-2']);
  assert.deepEqual(plan.obsoleteGroupIds, []);
});
