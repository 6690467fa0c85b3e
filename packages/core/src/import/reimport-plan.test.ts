import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingIdentity } from '@vigil/db';
import { originalsFrom } from './deduplication.ts';
import { planReimport, ReimportMatcher, type IncomingFinding } from './reimport-plan.ts';

let nextId = 1;
const stored = (f: Partial<FindingIdentity> = {}): FindingIdentity => ({
  id: nextId++,
  test_id: 1,
  severity: 'High',
  hash_code: null,
  unique_id_from_tool: null,
  active: true,
  verified: false,
  duplicate: false,
  false_p: false,
  out_of_scope: false,
  risk_accepted: false,
  is_mitigated: false,
  ...f,
});
const incoming = (hash: string | null, uid: string | null = null, closedByReport = false): IncomingFinding => ({
  hash,
  uid,
  closedByReport,
});
const ids = (fs: FindingIdentity[]) => fs.map((f) => f.id);
const opts = { doNotReactivate: false, closeOldFindings: false };

test(
  'matched findings stay, come back or close; unmatched are created; the rest are missing only with ' +
    'close_old_findings',
  () => {
    const open = stored({ hash_code: 'a' });
    const fixed = stored({ hash_code: 'b', is_mitigated: true, active: false });
    const closing = stored({ hash_code: 'c' });
    const gone = stored({ hash_code: 'd' });
    const report = [incoming('a'), incoming('b'), incoming('c', null, true), incoming('new')];
    const plan = planReimport([open, fixed, closing, gone], report, 'hash_code', opts);
    assert.deepEqual(plan.create, [3]);
    assert.deepEqual(ids(plan.untouched), [open.id]);
    assert.deepEqual(ids(plan.reactivate), [fixed.id]);
    assert.deepEqual(ids(plan.close), [closing.id]);
    assert.deepEqual(plan.missing, []);
    assert.deepEqual(
      ids(planReimport([open, fixed, closing, gone], report, 'hash_code', { ...opts, closeOldFindings: true }).missing),
      [gone.id],
    );
  },
);

test('do_not_reactivate leaves a mitigated finding mitigated; a report that says fixed never reactivates', () => {
  const fixed = stored({ hash_code: 'b', is_mitigated: true });
  assert.deepEqual(
    ids(planReimport([fixed], [incoming('b')], 'hash_code', { ...opts, doNotReactivate: true }).untouched),
    [fixed.id],
  );
  const plan = planReimport([fixed], [incoming('b', null, true)], 'hash_code', opts);
  assert.deepEqual([ids(plan.untouched), plan.reactivate], [[fixed.id], []]);
});

test('risk-accepted, false-positive and out-of-scope findings keep their status, and are never missing', () => {
  const kept = [
    stored({ hash_code: 'r', risk_accepted: true, is_mitigated: true }),
    stored({ hash_code: 'f', false_p: true }),
    stored({ hash_code: 'o', out_of_scope: true }),
  ];
  const plan = planReimport(kept, [incoming('r'), incoming('f', null, true)], 'hash_code', {
    ...opts,
    closeOldFindings: true,
  });
  assert.deepEqual(ids(plan.untouched), [kept[0].id, kept[1].id]);
  assert.deepEqual([plan.reactivate, plan.close, plan.create, plan.missing], [[], [], [], []]);
});

test('the same issue twice in a report matches one stored finding once, and is not created again', () => {
  const one = stored({ hash_code: 'a' });
  const plan = planReimport([one], [incoming('a'), incoming('a')], 'hash_code', opts);
  assert.deepEqual([ids(plan.untouched), plan.create], [[one.id], []]);
  const two = [stored({ hash_code: 'z' }), stored({ hash_code: 'z' })];
  assert.deepEqual(
    ids(planReimport(two, [incoming('z'), incoming('z')], 'hash_code', opts).untouched),
    ids(two),
    'two stored copies are matched one each',
  );
});

test('the algorithm decides the key: unique id only, hash only, or unique id first then hash', () => {
  const f = stored({ hash_code: 'h', unique_id_from_tool: 'u' });
  assert.deepEqual(
    planReimport([f], [incoming('h', 'other')], 'unique_id_from_tool', opts).create,
    [0],
    'uid only: the same hash is not a match',
  );
  assert.deepEqual(ids(planReimport([f], [incoming('x', 'u')], 'unique_id_from_tool', opts).untouched), [f.id]);
  assert.deepEqual(
    planReimport([f], [incoming('x', 'u')], 'hash_code', opts).create,
    [0],
    'hash only: the same uid is not a match',
  );
  assert.deepEqual(
    ids(planReimport([f], [incoming('h', 'other')], 'unique_id_from_tool_or_hash_code', opts).untouched),
    [f.id],
    'falls back to the hash',
  );
});

test('matching in batches gives the same plan as the whole report at once', () => {
  const existing = [
    stored({ hash_code: 'a' }),
    stored({ hash_code: 'b', is_mitigated: true }),
    stored({ hash_code: 'c' }),
  ];
  const report = [incoming('a'), incoming('n1'), incoming('b'), incoming('a'), incoming('n2')];
  const matcher = new ReimportMatcher(existing, 'hash_code', { ...opts, closeOldFindings: true });
  const first = matcher.match(report.slice(0, 2));
  const second = matcher.match(report.slice(2));
  const whole = planReimport(existing, report, 'hash_code', { ...opts, closeOldFindings: true });
  assert.deepEqual([...first.create, ...second.create.map((i) => i + 2)], whole.create);
  assert.deepEqual(ids([...first.untouched, ...second.untouched]), ids(whole.untouched));
  assert.deepEqual(ids([...first.reactivate, ...second.reactivate]), ids(whole.reactivate));
  assert.deepEqual(ids(matcher.missing()), ids(whole.missing));
  assert.deepEqual(ids(whole.missing), [existing[2].id]);
});

test(
  'deduplication: an open finding duplicates the oldest ' + 'open original; when all are mitigated it is a regression',
  () => {
    const oldFixed = stored({ hash_code: 'a', is_mitigated: true });
    const openOriginal = stored({ hash_code: 'a' });
    const dup = stored({ hash_code: 'a', duplicate: true });
    const index = originalsFrom([oldFixed, openOriginal, dup], 'hash_code');
    assert.equal(
      index.match({ hash: 'a', uid: null }, true)?.id,
      openOriginal.id,
      'an open new finding: the open original',
    );
    assert.equal(
      index.match({ hash: 'a', uid: null }, false)?.id,
      oldFixed.id,
      'a finding the report marks fixed: the oldest original, whatever its state',
    );
    const onlyFixed = originalsFrom([stored({ hash_code: 'b', is_mitigated: true })], 'hash_code');
    assert.equal(onlyFixed.match({ hash: 'b', uid: null }, true), undefined, 'a regression becomes a new original');
    assert.equal(
      originalsFrom([dup], 'hash_code').match({ hash: 'a', uid: null }, true),
      undefined,
      'a duplicate is never an original',
    );
  },
);

test('deduplication by unique id does not fall back to the hash; the mixed algorithm does', () => {
  const f = stored({ hash_code: 'h', unique_id_from_tool: 'u' });
  assert.equal(originalsFrom([f], 'unique_id_from_tool').match({ hash: 'h', uid: 'other' }, true), undefined);
  assert.equal(
    originalsFrom([f], 'unique_id_from_tool_or_hash_code').match({ hash: 'h', uid: 'other' }, true)?.id,
    f.id,
  );
  assert.equal(originalsFrom([f], 'hash_code').match({ hash: 'x', uid: 'u' }, true), undefined);
});
