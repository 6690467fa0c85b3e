import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingRow, JiraConfigRow, JiraIssueRow } from '@vigil/db';
import { highestSeverity, issueFields, wantsClosed } from './jira-issue-content.ts';

const finding = (over: Partial<FindingRow>) =>
  ({
    id: 1,
    title: 'T',
    severity: 'Low',
    active: true,
    description: 'd',
    mitigation: '',
    cwe: null,
    vulnerability_ids: [],
    component_name: null,
    component_version: null,
    file_path: null,
    line: null,
    ...over,
  }) as FindingRow;
const config = {
  project_key: 'SEC',
  issue_type: 'Bug',
  priority_map: { High: 'P1' },
  labels: ['appsec'],
  component: 'api',
} as unknown as JiraConfigRow;
const issue = { subject: 'finding-1', kind: 'finding', title: 'x'.repeat(300) } as JiraIssueRow;

test(
  'issue fields: clipped summary, priority of the highest severity, labels with the subject, component, epic ' +
    'parent',
  () => {
    const f = issueFields(issue, config, [finding({ severity: 'Low' }), finding({ id: 2, severity: 'High' })], 'SEC-1');
    assert.equal((f.summary as string).length, 255);
    assert.deepEqual(f.priority, { name: 'P1' });
    assert.deepEqual(f.labels, ['appsec', 'vigil', 'vigil-finding-1']);
    assert.deepEqual(f.components, [{ name: 'api' }]);
    assert.deepEqual(f.parent, { key: 'SEC-1' });
    assert.match(f.description as string, /\|#2\|High\|/);
  },
);

test('no priority when the map has none for the severity; no parent without an epic', () => {
  const f = issueFields({ ...issue, title: 'short' }, config, [finding({ severity: 'Medium', cwe: 79 })], null);
  assert.equal(f.priority, undefined);
  assert.equal(f.parent, undefined);
  assert.match(f.description as string, /\*CWE:\* 79/);
});

test('an issue is wanted closed only when every finding is inactive', () => {
  assert.equal(wantsClosed([finding({ active: false }), finding({ active: true })]), false);
  assert.equal(wantsClosed([finding({ active: false }), finding({ active: false })]), true);
  assert.equal(wantsClosed([]), false);
  assert.equal(highestSeverity([finding({ severity: 'Info' }), finding({ severity: 'Critical' })]), 'Critical');
});
