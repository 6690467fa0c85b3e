import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingRow } from '@vigil/db';
import { STATUS_ACTIONS, statusChange } from './finding-status.ts';

const now = new Date('2026-12-07T10:00:00Z');
const row = (f: Partial<FindingRow>) =>
  ({
    active: true,
    is_mitigated: false,
    false_p: false,
    out_of_scope: false,
    risk_accepted: false,
    verified: false,
    under_review: false,
    ...f,
  }) as FindingRow;

test('every triage action changes the status flags and stamps last_status_update', () => {
  for (const action of STATUS_ACTIONS) {
    const change = statusChange(action, 7, now, row({}));
    assert.ok(change, action);
    assert.equal(change.last_status_update, now, action);
  }
});

test(
  'close mitigates (by whom, when) and deactivates; false ' + 'positive and out of scope deactivate without mitigating',
  () => {
    assert.deepEqual(statusChange('close', 7, now), {
      active: false,
      last_status_update: now,
      is_mitigated: true,
      mitigated_at: now,
      mitigated_by_id: 7,
    });
    assert.equal(statusChange('close', null, now).mitigated_by_id, null, 'a system close has no user');
    assert.equal(statusChange('close', 0, now).mitigated_by_id, null, 'nor does the system actor id 0');
    assert.deepEqual(
      statusChange('false_positive', 7, now),
      { active: false, last_status_update: now, false_p: true, verified: false },
      'a false positive is no longer verified',
    );
    assert.deepEqual(statusChange('out_of_scope', 7, now), {
      active: false,
      last_status_update: now,
      out_of_scope: true,
    });
  },
);

test('reopen undoes every closing state at once', () => {
  assert.deepEqual(statusChange('reopen', 7, now), {
    active: true,
    is_mitigated: false,
    mitigated_at: null,
    mitigated_by_id: null,
    false_p: false,
    out_of_scope: false,
    risk_accepted: false,
    last_status_update: now,
  });
});

test('undoing a false positive or out of scope reactivates only a finding that is not mitigated', () => {
  assert.deepEqual(statusChange('not_false_positive', 7, now, row({ false_p: true, active: false })), {
    false_p: false,
    active: true,
    last_status_update: now,
  });
  assert.deepEqual(
    statusChange('not_false_positive', 7, now, row({ false_p: true, active: false, is_mitigated: true })),
    { false_p: false, active: false, last_status_update: now },
  );
  assert.deepEqual(statusChange('in_scope', 7, now, row({ out_of_scope: true, active: false })), {
    out_of_scope: false,
    active: true,
    last_status_update: now,
  });
  assert.deepEqual(statusChange('in_scope', 7, now, row({ out_of_scope: true, active: false, is_mitigated: true })), {
    out_of_scope: false,
    active: false,
    last_status_update: now,
  });
});

test('verify and review flags change alone, leaving activity and mitigation as they are', () => {
  assert.deepEqual(statusChange('verify', 7, now), { verified: true, last_status_update: now });
  assert.deepEqual(statusChange('unverify', 7, now), { verified: false, last_status_update: now });
  assert.deepEqual(statusChange('under_review', 7, now), { under_review: true, last_status_update: now });
  assert.deepEqual(statusChange('review_done', 7, now), { under_review: false, last_status_update: now });
});
