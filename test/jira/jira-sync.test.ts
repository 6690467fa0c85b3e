import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { FakeJiraServer } from './fake-jira-server.ts';
import { JiraJobRunner, LOOPBACK_ALLOWED } from './jira-support.ts';
import { multipartBody } from '../support/multipart.ts';

const TOKEN = 'api-token-secret';
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let jira: FakeJiraServer;
let jobs: JiraJobRunner;
let instanceId: number;
let webhookPath: string;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { notifications: LOOPBACK_ALLOWED });
  admin = await h.user('admin', { admin: true });
  jira = await new FakeJiraServer({ 'vigil-bot': TOKEN }).start();
  jobs = await new JiraJobRunner(db, h).start();
  const res = await admin.post('/api/v1/jira/instances', {
    name: 'Corp Jira',
    url: jira.url,
    username: 'vigil-bot',
    token: TOKEN,
    falsePositiveResolutions: ['False Positive'],
    riskAcceptedResolutions: ["Won't Fix"],
  });
  assert.equal(res.statusCode, 201, res.body);
  instanceId = res.json().id;
  webhookPath = res.json().webhookPath;
});
after(async () => {
  await jobs.stop();
  await jira.stop();
  await h.close();
  await db.drop();
});

let seq = 0;
async function product(config: Record<string, unknown> = {}) {
  const n = ++seq;
  const pt = (await admin.post('/api/v1/product-types', { name: `PT ${n}` })).json();
  const p = (await admin.post('/api/v1/products', { name: `Shop ${n}`, productTypeId: pt.id })).json();
  const e = (
    await admin.post('/api/v1/engagements', {
      productId: p.id,
      name: `Sprint ${n}`,
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: e.id, scanType: 'Manual' })).json();
  const put = await admin.put(`/api/v1/products/${p.id}/jira`, {
    instanceId,
    projectKey: `P${n}`,
    priorityMap: { High: 'Highest' },
    labels: ['security'],
    component: 'backend',
    ...config,
  });
  assert.equal(put.statusCode, 200, put.body);
  return { productId: p.id as number, engagementId: e.id as number, testId: t.id as number, projectKey: `P${n}` };
}
async function finding(testId: number, title: string, severity = 'High', extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/findings', { testId, title, severity, description: 'details', ...extra });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}
const issuesOf = (projectKey: string) => [...jira.issues.values()].filter((i) => i.fields.project.key === projectKey);
const findingRow = (id: number) => db.uow.repos.findings.findById(id);
const webhook = (payload: unknown, path = webhookPath) =>
  h.app.inject({ method: 'POST', url: path, payload: payload as object });

test('credentials are sealed at rest and never returned by the API', async () => {
  const list = await admin.get('/api/v1/jira/instances');
  const one = await admin.get(`/api/v1/jira/instances/${instanceId}`);
  const patched = await admin.patch(`/api/v1/jira/instances/${instanceId}`, { token: TOKEN });
  for (const r of [list, one, patched]) {
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(!r.body.includes(TOKEN), 'the token is not in the response');
    assert.ok(!/token|webhookSecret/i.test(Object.keys(r.json().items?.[0] ?? r.json()).join(',')));
  }
  const row = await db.uow.repos.jiraInstances.findById(instanceId);
  assert.ok(row && !row.token_sealed.includes(TOKEN) && row.token_sealed.startsWith('v1:'));
  assert.ok(
    !row.webhook_secret_digest.includes(webhookPath.split('/').pop()!),
    'only a digest of the webhook secret is stored',
  );
  const audit = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'jira_instance' AND (before::text LIKE ${`%${TOKEN}%`}
    OR after::text LIKE ${`%${TOKEN}%`})`.execute(db.handle.db);
  assert.equal(audit.rows[0].n, 0, 'the audit log does not hold the token');
  const test = await admin.post(`/api/v1/jira/instances/${instanceId}/test`);
  assert.deepEqual(test.json(), { ok: true, user: 'Bot vigil-bot', error: null });
  const reader = await h.user('plain');
  assert.equal((await reader.get('/api/v1/jira/instances')).statusCode, 403);
});

test('a push creates exactly one Jira issue even when the job runs twice or crashes after creating', async () => {
  const p = await product();
  const id = await finding(p.testId, 'SQL injection in /login');
  const res = await admin.post(`/api/v1/findings/${id}/jira`);
  assert.equal(res.statusCode, 202, res.body);
  assert.equal(res.json().jira.state, 'pending');
  const queued = await jobs.queued();
  assert.equal(queued.length, 1, 'one sync job, enqueued with the intent');
  const issueId = queued[0].data.issueId;

  // The same job delivered twice, one after the other.
  await h.services.jiraSync.sync(issueId);
  await h.services.jiraSync.sync(issueId);
  // A crash between Jira's answer and recording it: the key is lost, the label search finds the issue.
  await sql`UPDATE jira_issues SET jira_key = NULL, jira_id = NULL WHERE id = ${issueId}`.execute(db.handle.db);
  assert.deepEqual(await jobs.runAll(), []);
  await h.services.jiraSync.sync(issueId);
  assert.equal(issuesOf(p.projectKey).length, 1);
  const creates = jira
    .callsTo('POST', '/rest/api/2/issue')
    .filter(
      (c) =>
        c.path === '/rest/api/2/issue' &&
        (c.body as { fields: { project: { key: string } } }).fields.project.key === p.projectKey,
    );
  assert.equal(creates.length, 1, 'Jira was asked to create the issue once');

  const issue = issuesOf(p.projectKey)[0];
  assert.equal(issue.fields.summary, 'SQL injection in /login');
  assert.deepEqual(issue.fields.priority, { name: 'Highest' });
  assert.deepEqual(issue.fields.components, [{ name: 'backend' }]);
  assert.ok(issue.fields.labels.includes('security') && issue.fields.labels.includes(`vigil-finding-${id}`));
  const detail = (await admin.get(`/api/v1/findings/${id}`)).json();
  assert.equal(detail.jira.key, issue.key);
  assert.equal(detail.jira.url, `${jira.url}/browse/${issue.key}`);
  assert.equal(detail.jira.state, 'synced');
  assert.ok(detail.jira.lastSyncedAt);
});

test('status changes in Vigil transition the issue (close, then reopen)', async () => {
  const p = await product();
  const id = await finding(p.testId, 'XSS');
  await admin.post(`/api/v1/findings/${id}/jira`);
  await jobs.runAll();
  const key = issuesOf(p.projectKey)[0].key;
  assert.equal((await admin.post('/api/v1/findings/bulk-status', { ids: [id], action: 'close' })).statusCode, 200);
  assert.deepEqual(await jobs.runAll(), []);
  assert.equal(jira.issues.get(key)!.status, 'Done');
  assert.equal((await admin.post('/api/v1/findings/bulk-status', { ids: [id], action: 'reopen' })).statusCode, 200);
  await jobs.runAll();
  assert.equal(jira.issues.get(key)!.status, 'To Do');
  // A second pass with nothing new changes nothing in Jira.
  const transitionsBefore = jira.callsTo('POST', `/rest/api/2/issue/${key}/transitions`).length;
  await h.services.jiraSync.sync((await db.uow.repos.jiraIssues.findBySubject(`finding-${id}`))!.id);
  assert.equal(jira.callsTo('POST', `/rest/api/2/issue/${key}/transitions`).length, transitionsBefore);
});

test(
  'the webhook: closed → mitigated, false-positive ' + 'resolution, reopened → active; bad secret changes nothing',
  async () => {
    const p = await product();
    const id = await finding(p.testId, 'Open redirect');
    await admin.post(`/api/v1/findings/${id}/jira`);
    await jobs.runAll();
    const key = issuesOf(p.projectKey)[0].key;

    jira.setStatus(key, 'Done', 'Done');
    const bad = await webhook(jira.issueEventPayload(key), '/api/v1/jira/webhook/not-the-secret');
    assert.equal(bad.statusCode, 404);
    assert.equal((await findingRow(id))!.active, true, 'a bad secret has no side effect');

    const ok = await webhook(jira.issueEventPayload(key));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().changedFindings, [id]);
    let f = (await findingRow(id))!;
    assert.equal(f.active, false);
    assert.equal(f.is_mitigated, true);
    // Nothing bounces back to Jira: the sync sees Jira and Vigil agree.
    await jobs.runAll();
    assert.equal(jira.issues.get(key)!.status, 'Done');

    jira.setStatus(key, 'To Do');
    await webhook(jira.issueEventPayload(key));
    f = (await findingRow(id))!;
    assert.equal(f.active, true);
    assert.equal(f.is_mitigated, false);

    jira.setStatus(key, 'Done', 'False Positive');
    await webhook(jira.issueEventPayload(key));
    f = (await findingRow(id))!;
    assert.equal(f.false_p, true);
    assert.equal(f.active, false);
    await jobs.runAll();
    assert.equal(jira.issues.get(key)!.status, 'Done', 'no loop reopens the issue');
  },
);

test('comments: a Jira comment becomes a note once; a Vigil note becomes a comment; no loops', async () => {
  const p = await product();
  const id = await finding(p.testId, 'Weak TLS');
  await admin.post(`/api/v1/findings/${id}/jira`);
  await jobs.runAll();
  const key = issuesOf(p.projectKey)[0].key;

  const c = jira.addUserComment(key, 'alice', 'Fixed in release 2.3');
  const payload = jira.issueEventPayload(key, c);
  assert.equal((await webhook(payload)).json().notesAdded, 1);
  assert.equal((await webhook(payload)).json().notesAdded, 0, 'a redelivered webhook adds nothing');
  const notes = (await admin.get(`/api/v1/findings/${id}/notes`)).json().items;
  assert.equal(notes.length, 1);
  assert.match(notes[0].entry, /Fixed in release 2\.3/);
  await jobs.runAll();
  assert.equal(jira.issues.get(key)!.comments.length, 1, 'the imported note is not echoed back to Jira');

  assert.equal((await admin.post(`/api/v1/findings/${id}/notes`, { entry: 'Retest scheduled' })).statusCode, 201);
  await jobs.runAll();
  const comments = jira.issues.get(key)!.comments;
  assert.equal(comments.length, 2);
  assert.match(comments[1].body, /Retest scheduled/);
  assert.equal(comments[1].author, 'vigil-bot');
  // Jira tells us about the comment Vigil itself posted: skipped.
  assert.equal((await webhook(jira.issueEventPayload(key, comments[1]))).json().notesAdded, 0);
  assert.equal((await admin.get(`/api/v1/findings/${id}/notes`)).json().items.length, 2);
});

test('automatic push above the minimum severity, and an engagement as an epic', async () => {
  const p = await product({ pushMinSeverity: 'High', engagementEpic: true });
  const high = await finding(p.testId, 'RCE', 'Critical');
  const low = await finding(p.testId, 'Banner', 'Low');
  await jobs.runAll();
  const issues = issuesOf(p.projectKey);
  const epic = issues.find((i) => i.fields.issuetype.name === 'Epic');
  const child = issues.find((i) => i.fields.issuetype.name === 'Bug');
  assert.equal(issues.length, 2, issues.map((i) => i.fields.summary).join(', '));
  assert.ok(epic && child);
  assert.equal(epic.fields.summary, `Sprint ${seq}`);
  assert.deepEqual(child.fields.parent, { key: epic.key });
  assert.ok(child.fields.labels.includes(`vigil-finding-${high}`));
  assert.equal((await admin.get(`/api/v1/findings/${low}`)).json().jira, null);
});

test('bulk push groups findings sharing a component into one issue', async () => {
  const p = await product();
  const a = await finding(p.testId, 'CVE-1 in lodash', 'High', { componentName: 'lodash', componentVersion: '4.17.0' });
  const b = await finding(p.testId, 'CVE-2 in lodash', 'Medium', {
    componentName: 'lodash',
    componentVersion: '4.17.0',
  });
  const c = await finding(p.testId, 'CVE-3 in express', 'Low', { componentName: 'express' });
  const res = await admin.post('/api/v1/jira/push', { findingIds: [a, b, c], groupBy: 'component_name' });
  assert.equal(res.statusCode, 202, res.body);
  await jobs.runAll();
  const issues = issuesOf(p.projectKey);
  assert.equal(issues.length, 2);
  const lodash = issues.find((i) => i.fields.summary.startsWith('lodash'))!;
  assert.match(String(lodash.fields.description), /#\d+\|High\|CVE-1 in lodash/);
  const [da, db2] = await Promise.all([admin.get(`/api/v1/findings/${a}`), admin.get(`/api/v1/findings/${b}`)]);
  assert.equal(da.json().jira.key, db2.json().jira.key);
  assert.equal(da.json().jira.kind, 'group');
});

test('a failing Jira call records the error, publishes jira.sync_failed once, and the retry recovers', async () => {
  const p = await product();
  const id = await finding(p.testId, 'SSRF');
  await admin.post(`/api/v1/findings/${id}/jira`);
  const issueId = (await jobs.queued())[0].data.issueId;
  const before = await db.uow.repos.events.head();
  jira.failures = { remaining: 4, status: 503 };
  await assert.rejects(h.services.jiraSync.sync(issueId), /503/);
  await assert.rejects(h.services.jiraSync.sync(issueId), /503/);
  const link = (await admin.get(`/api/v1/findings/${id}/jira`)).json().jira;
  assert.equal(link.state, 'error');
  assert.match(link.lastError, /Jira answered 503/);
  const events = (await db.uow.repos.events.readAfter(before, 100)).filter((e) => e.type === 'jira.sync_failed');
  assert.equal(events.length, 1, 'one event when the issue starts failing, not one per retry');
  assert.deepEqual((events[0].payload as { findingIds: number[] }).findingIds, [id]);
  jira.failures = { remaining: 0, status: 503 };
  await h.services.jiraSync.sync(issueId);
  assert.equal((await admin.get(`/api/v1/findings/${id}/jira`)).json().jira.state, 'synced');
  assert.equal(issuesOf(p.projectKey).length, 1);
});

test('reconciliation applies status changes whose webhook never arrived', async () => {
  const p = await product({ projectKey: 'RECON' });
  const id = await finding(p.testId, 'Missed webhook');
  await admin.post(`/api/v1/findings/${id}/jira`);
  await jobs.runAll();
  const key = issuesOf('RECON')[0].key;
  jira.setStatus(key, 'Done', "Won't Fix");
  const { JiraReconcileService } = await import('@vigil/core');
  const r = await new JiraReconcileService(db.uow, h.services.jiraSync).run();
  assert.deepEqual(r.errors, []);
  assert.ok(r.examined >= 1);
  const f = (await findingRow(id))!;
  assert.equal(f.risk_accepted, true);
  assert.equal(f.active, false);
  assert.ok((await db.uow.repos.jiraInstances.findById(instanceId))!.reconciled_at);
});

test('push without a Jira configuration is refused and changes nothing', async () => {
  const pt = (await admin.post('/api/v1/product-types', { name: 'No Jira PT' })).json();
  const p = (await admin.post('/api/v1/products', { name: 'No Jira', productTypeId: pt.id })).json();
  const e = (
    await admin.post('/api/v1/engagements', {
      productId: p.id,
      name: 'E',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: e.id, scanType: 'Manual' })).json();
  const id = await finding(t.id, 'Orphan');
  const queuedBefore = (await jobs.queued()).length;
  const res = await admin.post(`/api/v1/findings/${id}/jira`);
  assert.equal(res.statusCode, 422, res.body);
  assert.equal((await jobs.queued()).length, queuedBefore);
  assert.equal((await admin.get(`/api/v1/findings/${id}/jira`)).json().jira, null);
});

test('an import with push_to_jira and group_by pushes what it created, one issue per component', async () => {
  const p = await product();
  const report = JSON.stringify({
    findings: [
      {
        title: 'CVE-A in openssl',
        severity: 'High',
        description: 'a',
        component_name: 'openssl',
        component_version: '3.0.0',
      },
      {
        title: 'CVE-B in openssl',
        severity: 'Low',
        description: 'b',
        component_name: 'openssl',
        component_version: '3.0.0',
      },
      {
        title: 'CVE-C in zlib',
        severity: 'Medium',
        description: 'c',
        component_name: 'zlib',
        component_version: '1.2',
      },
    ],
  });
  const form = multipartBody(
    {
      scan_type: 'Generic Findings Import',
      engagement: p.engagementId,
      push_to_jira: 'true',
      group_by: 'component_name',
    },
    { name: 'report.json', content: report },
  );
  const res = await admin.request({
    method: 'POST',
    url: '/api/v2/import-scan/',
    payload: form.payload,
    headers: form.headers,
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().push_to_jira, true);
  assert.deepEqual(await jobs.runAll(), []);
  const issues = issuesOf(p.projectKey);
  assert.deepEqual(issues.map((i) => i.fields.summary).sort(), ['openssl (2 findings)', 'zlib (1 findings)']);
  const bad = multipartBody(
    { scan_type: 'Generic Findings Import', engagement: p.engagementId, group_by: 'colour' },
    { name: 'r.json', content: report },
  );
  const refused = await admin.request({
    method: 'POST',
    url: '/api/v2/import-scan/',
    payload: bad.payload,
    headers: bad.headers,
  });
  assert.equal(refused.statusCode, 400, 'an unknown group_by is a clear error');
  assert.match(refused.body, /group_by/);
});
