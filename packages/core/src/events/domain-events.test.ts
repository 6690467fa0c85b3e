import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEventRecord, NewDomainEvent } from '@vigil/db';
import { DOMAIN_EVENT_TYPES, EventPayloadError, MAX_EVENT_PAYLOAD_BYTES } from '@vigil/contract';
import { parseDomainEvents, publish, type DomainEventInput } from './domain-events.ts';

const status = {
  active: true,
  verified: false,
  falsePositive: false,
  outOfScope: false,
  riskAccepted: false,
  underReview: false,
  mitigated: false,
  duplicate: false,
};
const counts = { critical: 0, high: 1, medium: 0, low: 0, info: 0, total: 1 };
const statistics = { created: counts, reactivated: counts, closed: counts, untouched: counts, duplicates: counts };
const finding = { findingId: 3, productId: 2, testId: 5, title: 'XSS', severity: 'High', status };
const invitation = { invitationId: 1, teamId: 2, teamName: 'Blue', inviteeId: 4, role: 'member' };
const chat = { messageId: 9, channel: 'team:2', teamId: 2, findingId: null, productId: null };
const team = { teamId: 2, userId: 4, username: 'dana', role: 'member', previousRole: null };
const ra = { riskAcceptanceId: 1, name: 'RA', productId: 2, ownerId: 4, expirationDate: '2026-12-01' };

/** One valid payload per type of the catalogue, as the services publish them. */
const SAMPLES: DomainEventInput[] = [
  { type: 'product_type.added', topics: [], payload: { productTypeId: 1, name: 'Web' } },
  { type: 'product.added', topics: [], payload: { productId: 2, productTypeId: 1, name: 'Shop' } },
  { type: 'engagement.added', topics: [], payload: { engagementId: 3, productId: 2, name: 'Q4' } },
  { type: 'test.added', topics: [], payload: { testId: 5, engagementId: 3, productId: 2, scanType: 'Trivy Scan' } },
  { type: 'finding.created', topics: [], payload: finding },
  { type: 'finding.updated', topics: [], payload: finding },
  {
    type: 'finding.status_changed',
    topics: [],
    payload: { ...finding, action: 'jira:done', source: 'jira', jiraKey: null },
  },
  { type: 'finding.review_requested', topics: [], payload: finding },
  {
    type: 'finding.assigned',
    topics: [],
    payload: { findingId: 3, productId: 2, title: 'XSS', severity: 'High', assigneeId: 4 },
  },
  { type: 'finding.note_added', topics: [], payload: { findingId: 3, productId: 2, noteId: 8, private: false } },
  {
    type: 'scan.imported',
    topics: [],
    payload: {
      importId: 1,
      mode: 'import',
      scanType: 'Trivy Scan',
      testId: 5,
      engagementId: 3,
      productId: 2,
      findingsInReport: 1,
      statistics,
      created: { count: 1, firstId: 3, lastId: 3 },
      pushToJira: false,
      groupBy: null,
    },
  },
  { type: 'import.started', topics: [], payload: { requestId: 1, scanType: 'Trivy Scan', mode: 'import', attempt: 1 } },
  { type: 'import.progress', topics: [], payload: { requestId: 1, phase: 'parsed', findingsInReport: 1 } },
  {
    type: 'import.finished',
    topics: [],
    payload: { requestId: 1, state: 'done', importId: 1, testId: 5, productId: 2, statistics },
  },
  { type: 'import.failed', topics: [], payload: { requestId: 1, state: 'failed', error: 'could not be parsed' } },
  {
    type: 'engagement.upcoming',
    topics: [],
    payload: { engagementId: 3, name: 'Q4', productId: 2, targetStart: '2026-12-01', targetEnd: '2026-12-31' },
  },
  {
    type: 'engagement.stale',
    topics: [],
    payload: { engagementId: 3, name: 'Q4', productId: 2, targetEnd: '2026-12-31', status: 'In Progress' },
  },
  {
    type: 'sla.breached',
    topics: [],
    payload: { productId: 2, count: 1, bySeverity: { High: 1 }, findingIds: [3], on: '2026-12-07' },
  },
  { type: 'risk_acceptance.expiring', topics: [], payload: ra },
  { type: 'risk_acceptance.expired', topics: [], payload: { ...ra, reactivatedFindingIds: [3] } },
  {
    type: 'feed.posted',
    topics: [],
    payload: {
      postId: 1,
      text: 'hello',
      authorId: 4,
      authorUsername: 'dana',
      productId: null,
      productName: null,
      createdAt: '2026-12-07T10:00:00.000Z',
    },
  },
  { type: 'team.invited', topics: [], payload: invitation },
  { type: 'team.invitation_accepted', topics: [], payload: invitation },
  { type: 'team.invitation_declined', topics: [], payload: invitation },
  { type: 'team.invitation_revoked', topics: [], payload: invitation },
  { type: 'team.member_added', topics: [], payload: team },
  { type: 'team.member_role_changed', topics: [], payload: team },
  { type: 'team.member_removed', topics: [], payload: team },
  { type: 'chat.message_posted', topics: [], payload: chat },
  { type: 'chat.message_edited', topics: [], payload: chat },
  { type: 'chat.message_deleted', topics: [], payload: chat },
  { type: 'chat.reaction_changed', topics: [], payload: { ...chat, emoji: '👍', on: true } },
  { type: 'chat.read', topics: [], payload: { channel: 'team:2', title: 'Blue', unread: 0, lastReadId: 9 } },
  {
    type: 'user.mentioned',
    topics: [],
    payload: {
      mentionedUserIds: [4],
      messageId: 9,
      channel: 'team:2',
      context: 'Blue',
      excerpt: 'ann: @dana',
      url: '/teams/2?message=9',
      productId: null,
      teamId: 2,
      findingId: null,
    },
  },
  {
    type: 'notification.created',
    topics: [],
    payload: { alertId: 1, notificationId: 2, userId: 4, type: 'findings.new', title: 'New', productId: 2, url: null },
  },
  { type: 'job.failed', topics: [], payload: { job: 'import.scan', jobId: 'j1', error: 'boom' } },
  {
    type: 'jira.sync_failed',
    topics: [],
    payload: {
      jiraIssueId: 1,
      productId: 2,
      subject: 'finding:3',
      jiraKey: 'V-1',
      findingIds: [3],
      error: 'down',
      attempts: 3,
    },
  },
];

/** An events repository in memory: what `publish` appends. */
function memoryLog() {
  const rows: NewDomainEvent[] = [];
  const repos = {
    events: {
      append: async (events: NewDomainEvent[]) => (
        rows.push(...events), events.map((_, i) => rows.length - events.length + i + 1)
      ),
    },
  } as never;
  const records = (): DomainEventRecord[] =>
    rows.map((r, i) => ({
      id: i + 1,
      tx_id: '1',
      type: r.type,
      topics: r.topics,
      actor_id: r.actorId,
      payload: JSON.parse(JSON.stringify(r.payload)),
      created_at: new Date(),
    }));
  return { rows, repos, records };
}

test(
  'every event type of the catalogue round-trips: published, stored as JSON, read back and parsed to the same ' +
    'payload',
  async () => {
    assert.deepEqual(
      SAMPLES.map((s) => s.type).sort(),
      [...DOMAIN_EVENT_TYPES].sort(),
      'one sample per catalogued type',
    );
    const log = memoryLog();
    await publish(log.repos, SAMPLES);
    const read = parseDomainEvents(log.records(), () => assert.fail('nothing is skipped'));
    assert.deepEqual(
      read.map((e) => ({ type: e.type, payload: e.payload })),
      SAMPLES.map((s) => ({ type: s.type, payload: s.payload })),
    );
  },
);

test('publish refuses an oversize or invalid payload, and appends nothing of the batch', async () => {
  const log = memoryLog();
  const huge = {
    type: 'feed.posted',
    topics: [],
    payload: { ...(SAMPLES.find((s) => s.type === 'feed.posted')!.payload as object), text: 'x'.repeat(5000) },
  } as unknown as DomainEventInput;
  await assert.rejects(publish(log.repos, [SAMPLES[0], huge]), EventPayloadError);
  // 2,000 finding ids (a large import's ids, the shape scan.imported no longer has) exceed the id limit.
  const manyIds = {
    type: 'jira.sync_failed',
    topics: [],
    payload: {
      ...(SAMPLES.find((s) => s.type === 'jira.sync_failed')!.payload as object),
      findingIds: Array.from({ length: 2000 }, (_, i) => i + 1),
    },
  } as unknown as DomainEventInput;
  await assert.rejects(publish(log.repos, manyIds), EventPayloadError);
  // Within every field's limit but over the total: many long titles would not fit; the byte cap catches any shape.
  const bySeverity = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`s${String(i).padStart(19, '0')}`, i]));
  const wide = {
    type: 'sla.breached',
    topics: [],
    payload: { productId: 2, count: 1, bySeverity, findingIds: [3], on: '2026-12-07' },
  } as DomainEventInput;
  await assert.rejects(
    publish(log.repos, wide),
    (err: Error) => err instanceof EventPayloadError && err.message.includes(`more than ${MAX_EVENT_PAYLOAD_BYTES}`),
  );
  await assert.rejects(
    publish(log.repos, { type: 'finding.assigned', topics: [], payload: { findingId: 3 } } as never),
    EventPayloadError,
  );
  assert.equal(log.rows.length, 0);
});

test(
  'old events still read: a scan.imported with every created id becomes counts and an id range; unknown or ' +
    'invalid events are logged and skipped',
  () => {
    const legacy: Record<string, unknown> = {
      ...(SAMPLES.find((s) => s.type === 'scan.imported')!.payload as Record<string, unknown>),
      createdFindingIds: [12, 10, 11],
    };
    delete legacy.created;
    const record = (id: number, type: string, payload: Record<string, unknown>): DomainEventRecord => ({
      id,
      tx_id: '1',
      type,
      topics: [],
      actor_id: null,
      payload,
      created_at: new Date(),
    });
    const skipped: unknown[] = [];
    const read = parseDomainEvents(
      [
        record(1, 'scan.imported', legacy),
        record(2, 'risk.reviewed', {}),
        record(3, 'finding.assigned', { findingId: 'x' }),
        record(4, 'import.finished', { requestId: 4, state: 'failed', error: 'boom' }),
      ],
      (_msg, fields) => skipped.push(fields.eventId),
    );
    assert.deepEqual(skipped, [2, 3]);
    assert.deepEqual(
      read.map((e) => e.id),
      [1, 4],
    );
    const imported = read[0];
    assert.ok(imported.type === 'scan.imported');
    assert.deepEqual(imported.payload.created, { count: 3, firstId: 10, lastId: 12 });
    assert.equal('createdFindingIds' in imported.payload, false);
  },
);
