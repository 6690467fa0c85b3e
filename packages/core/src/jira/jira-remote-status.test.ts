import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictOf } from './jira-remote-status.ts';

const instance = {
  false_positive_resolutions: ['False Positive'],
  risk_accepted_resolutions: ["Won't Fix", 'Risk Accepted'],
};

test('done + resolution decides mitigated / false positive / risk accepted, case-insensitively', () => {
  assert.equal(verdictOf({ status: 'Done', statusCategory: 'done', resolution: 'Done' }, instance), 'close');
  assert.equal(verdictOf({ status: 'Done', statusCategory: 'done', resolution: null }, instance), 'close');
  assert.equal(
    verdictOf({ status: 'Closed', statusCategory: 'done', resolution: 'false positive' }, instance),
    'false_positive',
  );
  assert.equal(
    verdictOf({ status: 'Closed', statusCategory: 'done', resolution: "Won't Fix" }, instance),
    'risk_accepted',
  );
});

test('any status outside the done category reopens', () => {
  assert.equal(verdictOf({ status: 'To Do', statusCategory: 'new', resolution: null }, instance), 'reopen');
  assert.equal(
    verdictOf({ status: 'In Review', statusCategory: 'indeterminate', resolution: 'False Positive' }, instance),
    'reopen',
  );
});
