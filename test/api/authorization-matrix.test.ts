import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { DEFAULT_NOTIFICATION_CONFIG } from '../../apps/server/src/config/notification.config.ts';
import { sql } from 'kysely';
import { OsvSyncService, cvssScorer } from '@vigil/vulndb';

/**
 * Walks every /api/v1 route × every role and checks allowed/denied. A route added without an
 * entry here fails the test, so the matrix stays complete.
 */
import {
  ADVISORY_ID,
  F,
  type Fixture,
  LEVELS,
  type Level,
  RANK,
  type RouteCase,
} from './authorization-matrix/route-case.ts';
import { ACCOUNT_CASES } from './authorization-matrix/account-cases.ts';
import { PRODUCT_CASES } from './authorization-matrix/product-cases.ts';
import { ADMIN_CASES } from './authorization-matrix/admin-cases.ts';

const cases: RouteCase[] = [...ACCOUNT_CASES, ...PRODUCT_CASES, ...ADMIN_CASES];
/** Routes that need no authentication at all (checked separately). */
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/jira/webhook/:secret',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email',
]);

let db: TestDatabase;
let h: Harness;
const users = new Map<Level, TestUser>();
let other: TestUser;
const sys: RequestContext = { actor: SYSTEM_ACTOR };
const TEAM_ROLE = { Reader: 'member', Writer: 'maintainer', Maintainer: 'maintainer', Owner: 'owner' } as const;

before(async () => {
  db = await freshDatabase();
  // The Jira instances point at 127.0.0.1:9 (nothing listens): allowed past the SSRF guard, refused by the OS.
  h = await createHarness(db.uow, {
    notifications: { ...DEFAULT_NOTIFICATION_CONFIG, outboundAllow: ['127.0.0.1/32'] },
  });
  for (const level of LEVELS)
    users.set(level, await h.user(`user_${level.toLowerCase()}`, { admin: level === 'admin' }));
  other = await h.user('other');
  await new OsvSyncService(db.uow, cvssScorer).importRecord(
    JSON.stringify({ id: ADVISORY_ID, modified: '2024-01-01T00:00:00Z', summary: 'matrix' }),
    { source: 'import', ecosystem: null, origin: 'matrix' },
  );
});
after(async () => {
  await h.close();
  await db.drop();
});

let seq = 0;
async function fixture(level: Level, user: TestUser): Promise<Fixture> {
  const s = h.services;
  const n = ++seq;
  const pt = await s.productTypes.create(sys, { name: `PT ${n}` });
  const product = await s.products.create(sys, { name: `Product ${n}`, productTypeId: pt.id });
  const engagement = await s.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  const finding = await s.findings.create(sys, { testId: t.id, title: 'F', severity: 'High' });
  const other2 = await s.findings.create(sys, { testId: t.id, title: 'F2', severity: 'Low' });
  const note = await s.notes.add(sys, finding.id, 'note', false);
  const file = await s.findingFiles.add(sys, finding.id, {
    title: 'f',
    filename: 'f.txt',
    contentType: 'text/plain',
    bytes: Buffer.from('x'),
  });
  const ra = await s.riskAcceptances.create(sys, {
    productId: product.id,
    name: 'RA',
    decision: 'accept',
    ownerId: other.id,
    findingIds: [other2.id],
  });
  const membership = await s.memberships.grant(sys, { productId: product.id }, { userId: other.id }, 'Reader');
  const ptMembership = await s.memberships.grant(sys, { productTypeId: pt.id }, { userId: other.id }, 'Reader');
  const deletable = await s.users.insert(sys, { username: `gone_${n}`, password: 'long enough pw' });
  const emptyPt = await s.productTypes.create(sys, { name: `Empty PT ${n}` });
  const team = await s.teams.create(sys, `Team ${n}`);
  await s.teams.setMember(sys, team.id, other.id, 'member');
  await s.teams.setMember(sys, team.id, users.get('admin')!.id, 'owner');
  if (level !== 'none' && level !== 'admin') {
    await s.memberships.grant(sys, { productTypeId: pt.id }, { userId: user.id }, level);
    await s.memberships.grant(sys, { productTypeId: emptyPt.id }, { userId: user.id }, level);
    await s.teams.setMember(sys, team.id, user.id, TEAM_ROLE[level]);
  }
  // Teams and chat (issue 6): a co-owner (so the admin may leave), a pending invitation, one to the caller,
  // a message by another member.
  const coOwner = await h.uow.repos.users.insert({ username: `co_${n}`, password_hash: null });
  const feedOnly = await h.uow.repos.users.insert({ username: `feed_${n}`, password_hash: null, feed_only: true });
  const invitee = await h.uow.repos.users.insert({ username: `inv_${n}`, password_hash: null });
  const invitee2 = await h.uow.repos.users.insert({ username: `inv2_${n}`, password_hash: null });
  await s.teams.setMember(sys, team.id, coOwner.id, 'owner');
  const pendingInvitation = await s.teamInvitations.invite(sys, team.id, { invitee: invitee.username, role: 'member' });
  const inviteTeam = await s.teams.create(sys, `Inviting team ${n}`);
  const ownInvitation = await s.teamInvitations.invite(sys, inviteTeam.id, { invitee: user.username, role: 'member' });
  const otherMessage = await s.chat.post(
    { actor: { userId: other.id, username: other.username, isAdmin: false, via: 'token' } },
    { kind: 'team', id: team.id },
    'hello from other',
  );
  const sla = await s.slaConfigurations.create(sys, {
    name: `SLA ${n}`,
    criticalDays: 1,
    highDays: 2,
    mediumDays: 3,
    lowDays: 4,
  });
  const template = await s.findingTemplates.create(sys, { title: `Tpl ${n}` });
  const { token } = await s.apiTokens.create({ actor: { ...SYSTEM_ACTOR } }, user.id, `own ${n}`);
  const ownPost = await s.feed.postAs(user.id, `post ${n}`);
  const channel = await s.notificationChannels.create(sys, {
    name: `siem ${n}`,
    kind: 'syslog',
    host: '93.184.216.34',
    port: 514,
    protocol: 'udp',
  });
  const ownSubscription = await s.notifications.saveSubscription(
    { actor: { userId: user.id, username: user.username, isAdmin: level === 'admin', via: 'token' } },
    { eventType: 'job.failed', channel: 'email', enabled: true },
  );
  const notificationDefault = await s.notificationDefaults.save(sys, {
    productId: product.id,
    eventType: 'scan.imported',
    channel: 'alert',
    enabled: true,
  });
  const jiraSpare = await s.jiraInstances.create(sys, {
    name: `Jira spare ${n}`,
    url: 'http://127.0.0.1:9',
    username: 'u',
    token: 't',
  });
  const jiraUsed = await s.jiraInstances.create(sys, {
    name: `Jira ${n}`,
    url: 'http://127.0.0.1:9',
    username: 'u',
    token: 't',
  });
  const jiraConfig = await s.jiraConfigs.put(sys, product.id, { instanceId: jiraUsed.instance.id, projectKey: 'SEC' });
  const importRequest = await s.asyncImports.enqueue(sys, {
    mode: 'import',
    scanType: 'Generic Findings Import',
    engagementId: engagement.id,
    report: Buffer.from('{"findings":[]}'),
  });
  // A dead letter for the retry route (what a worker leaves after the last failed try).
  const failedJobId = (await h.uow.repos.jobs.enqueue('maintenance.login-attempts', { n }))!;
  await sql`UPDATE pgboss.job SET state = 'failed', completed_on = now(), output = '{"message":"boom"}'
    WHERE id = ${failedJobId}::uuid`.execute(db.handle.db);
  return {
    ptId: pt.id,
    productId: product.id,
    engagementId: engagement.id,
    testId: t.id,
    findingId: finding.id,
    noteId: note.id,
    riskAcceptanceId: ra.id,
    membershipId: membership.id,
    ptMembershipId: ptMembership.id,
    emptyPtId: emptyPt.id,
    teamId: team.id,
    otherUserId: other.id,
    deletableUserId: deletable.id,
    feedOnlyUserId: feedOnly.id,
    slaId: sla.id,
    templateId: template.id,
    ownTokenId: token.id,
    ownPostId: ownPost.id,
    channelId: channel.id,
    ownSubscriptionId: ownSubscription.id,
    defaultId: notificationDefault.id,
    jiraInstanceId: jiraSpare.instance.id,
    jiraConfigId: jiraConfig.id,
    fileId: file.id,
    actorId: user.id,
    inviteeUsername: invitee2.username,
    pendingInvitationId: pendingInvitation.id,
    ownInvitationId: ownInvitation.id,
    otherMessageId: otherMessage.id,
    importRequestId: importRequest.id,
    failedJobId,
  };
}

test('every /api/v1 route is in the matrix', () => {
  const registered = new Set<string>();
  const listed = new Set(cases.map((c) => `${c.method} ${c.route}`));
  // Every route is documented in the OpenAPI document, so its paths are the route list.
  const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const method of Object.keys(ops))
      registered.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  const missing = [...registered].filter((r) => !listed.has(r) && !PUBLIC_ROUTES.has(r));
  assert.deepEqual(missing, [], 'routes without an authorization expectation');
  const stale = [...listed].filter((r) => !registered.has(r));
  assert.deepEqual(stale, [], 'matrix entries for routes that do not exist');
});

for (const c of cases) {
  test(`${c.method} ${c.route}`, async () => {
    for (const level of LEVELS) {
      const user = users.get(level)!;
      const f = F(await fixture(level, user));
      const form = c.form?.(f);
      const res = await user.request({
        method: c.method,
        url: c.url(f),
        payload: (form?.payload ?? c.body?.(f)) as never,
        headers: form?.headers,
      });
      const label = `${c.method} ${c.route} as ${level}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (c.list) {
        assert.equal(res.statusCode, 200, label);
        const { id } = c.list(f);
        const visible = res.json().items.some((x: { id: number }) => x.id === id);
        assert.equal(visible, level !== 'none', `${label} (visibility)`);
        continue;
      }
      const allowed = c.need === 'any' || RANK[level] >= RANK[c.need];
      if (allowed) {
        assert.ok(
          c.allowedStatus ? res.statusCode === c.allowedStatus : res.statusCode >= 200 && res.statusCode < 300,
          label,
        );
      } else {
        const canRead = level !== 'none';
        const expected = canRead
          ? (c.deniedReadable ?? 403)
          : c.need === 'admin'
            ? (c.deniedNone ?? c.deniedReadable ?? 403)
            : 404;
        assert.equal(res.statusCode, expected, label);
      }
    }
  });
}

test('anonymous callers get 401 on every protected route', async () => {
  const f = await fixture('none', users.get('none')!);
  for (const c of cases) {
    const form = c.form?.(f);
    const res = await h.app.inject({
      method: c.method,
      url: c.url(f),
      payload: (form?.payload ?? c.body?.(f)) as never,
      headers: form?.headers,
    });
    assert.equal(res.statusCode, 401, `${c.method} ${c.route}`);
  }
});

test('a team role on a product grants access to its members', async () => {
  const member = await h.user('team_member');
  const f = await fixture('none', member);
  const team = await h.services.teams.create(sys, 'Product team');
  await h.services.teams.setMember(sys, team.id, member.id, 'member');
  assert.equal((await member.get(`/api/v1/findings/${f.findingId}`)).statusCode, 404);
  await h.services.memberships.grant(sys, { productId: f.productId }, { teamId: team.id }, 'Writer');
  assert.equal((await member.get(`/api/v1/findings/${f.findingId}`)).statusCode, 200);
  assert.equal((await member.patch(`/api/v1/findings/${f.findingId}`, { title: 'by team' })).statusCode, 200);
  assert.equal((await member.delete(`/api/v1/findings/${f.findingId}`)).statusCode, 403);
});
