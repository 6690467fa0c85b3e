import { z } from 'zod';
import { JIRA_GROUP_BY } from '../jira/jira-group-by.ts';
import { ZImportMode, ZImportStatistics } from '../import/import.contract.ts';

/**
 * The catalogue of domain events: one payload schema per event type. `publish` accepts only the
 * payload of its type and refuses one over its limits; every reader of the log parses each event
 * once with `parseDomainEvent` and skips (and logs) what does not parse. Payloads carry ids and
 * small facts; consumers load and present what a receiver may read. Objects strip unknown keys, so
 * an event written with an extra field (an older builder) still reads.
 */

/** The largest payload, as JSON, that `publish` accepts. */
export const MAX_EVENT_PAYLOAD_BYTES = 16 * 1024;
/** Id lists an event may carry (a bulk change's findings, a digest's sample). */
export const MAX_EVENT_IDS = 1000;

// Ids: bigint columns reach JavaScript as digit strings on some paths; the log holds numbers.
const id = z.union([
  z.int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);
const ids = (max = MAX_EVENT_IDS) => z.array(id).max(max);
const name = z.string().max(500);
const text = (max: number) => z.string().max(max);
const day = z.string().max(40);
const severity = z.string().max(20);
const count = z.int().nonnegative();

const findingStatus = z.object({
  active: z.boolean(),
  verified: z.boolean(),
  falsePositive: z.boolean(),
  outOfScope: z.boolean(),
  riskAccepted: z.boolean(),
  underReview: z.boolean(),
  mitigated: z.boolean(),
  duplicate: z.boolean(),
});
/** A finding's facts as product and finding rooms may read them. */
const findingFacts = { findingId: id, productId: id, testId: id, title: name, severity, status: findingStatus };
const fromJira = { source: z.literal('jira').optional(), jiraKey: text(100).nullable().optional() };

/** An import's statistics, as its answer gives them (import.contract.ts). */
const importStatistics = ZImportStatistics;

/**
 * The findings an import created (originals, not duplicates): how many, and the id range they were
 * written in. A consumer that needs them pages through the test's non-duplicate findings in the
 * range (`ImportRepository.createdFindingIds`) instead of reading 100,000 ids from the event.
 */
const createdFindings = z.object({ count, firstId: id.nullable(), lastId: id.nullable() });
const scanImported = {
  importId: id,
  mode: ZImportMode,
  scanType: name,
  testId: id,
  engagementId: id,
  productId: id,
  findingsInReport: count,
  statistics: importStatistics,
  pushToJira: z.boolean(),
  groupBy: z.enum(JIRA_GROUP_BY).nullable(),
};
/** Events written before the cursor carried every created id; they read as the new shape. */
const legacyScanImported = z
  .object({ ...scanImported, createdFindingIds: z.array(id) })
  .transform(({ createdFindingIds, ...rest }) => ({
    ...rest,
    created: {
      count: createdFindingIds.length,
      firstId: createdFindingIds.length ? createdFindingIds.reduce((a, b) => Math.min(a, b)) : null,
      lastId: createdFindingIds.length ? createdFindingIds.reduce((a, b) => Math.max(a, b)) : null,
    },
  }));

const teamChange = z.object({
  teamId: id,
  userId: id,
  username: name.nullable().optional(),
  role: text(20).nullable().optional(),
  previousRole: text(20).nullable().optional(),
});
const invitation = z.object({ invitationId: id, teamId: id, teamName: name, inviteeId: id.nullable(), role: text(20) });
const chatMessage = z.object({
  messageId: id,
  channel: text(100),
  teamId: id.nullable(),
  findingId: id.nullable(),
  productId: id.nullable(),
});
const riskAcceptance = { riskAcceptanceId: id, name, productId: id, ownerId: id, expirationDate: day };

export const DOMAIN_EVENT_PAYLOADS = {
  // The product hierarchy
  'product_type.added': z.object({ productTypeId: id, name }),
  'product.added': z.object({ productId: id, productTypeId: id, name }),
  'engagement.added': z.object({ engagementId: id, productId: id, name }),
  'test.added': z.object({ testId: id, engagementId: id, productId: id, scanType: name.nullable() }),
  // Findings
  'finding.created': z.object(findingFacts),
  'finding.updated': z.object(findingFacts),
  'finding.status_changed': z.object({ ...findingFacts, action: text(40), ...fromJira }),
  'finding.review_requested': z.object({ ...findingFacts, reviewerIds: ids(100).optional() }),
  'finding.assigned': z.object({ findingId: id, productId: id, title: name, severity, assigneeId: id }),
  'finding.note_added': z.object({ findingId: id, productId: id, noteId: id, private: z.boolean(), ...fromJira }),
  // Imports (docs/jobs.md): the import itself, then an async import request's progress
  'scan.imported': z.union([z.object({ ...scanImported, created: createdFindings }), legacyScanImported]),
  'import.started': z.object({ requestId: id, scanType: name, mode: ZImportMode, attempt: count }),
  'import.progress': z.object({
    requestId: id,
    phase: z.enum(['parsed', 'writing']),
    findingsInReport: count.optional(),
  }),
  'import.finished': z.union([
    z.object({
      requestId: id,
      state: z.literal('done'),
      importId: id,
      testId: id,
      productId: id,
      statistics: importStatistics,
    }),
    // Events written before `import.failed` existed announced a failure this way.
    z.object({ requestId: id, state: z.literal('failed'), error: text(500) }),
  ]),
  'import.failed': z.object({ requestId: id, state: z.literal('failed'), error: text(500) }),
  // Reminders and retention (scheduled jobs)
  'engagement.upcoming': z.object({ engagementId: id, name, productId: id, targetStart: day, targetEnd: day }),
  'engagement.stale': z.object({ engagementId: id, name, productId: id, targetEnd: day, status: text(40) }),
  'sla.breached': z.object({
    productId: id,
    count,
    bySeverity: z.record(z.string().max(20), count),
    findingIds: ids(100),
    on: day,
  }),
  'risk_acceptance.expiring': z.object(riskAcceptance),
  'risk_acceptance.expired': z.object({ ...riskAcceptance, reactivatedFindingIds: ids() }),
  // The feed
  'feed.posted': z.object({
    postId: id,
    text: text(2000),
    authorId: id.nullable(),
    authorUsername: name.nullable(),
    productId: id.nullable(),
    productName: name.nullable(),
    createdAt: text(40),
  }),
  // Teams and chat (docs/realtime.md)
  'team.invited': invitation,
  'team.invitation_accepted': invitation,
  'team.invitation_declined': invitation,
  'team.invitation_revoked': invitation,
  'team.member_added': teamChange,
  'team.member_role_changed': teamChange,
  'team.member_removed': teamChange,
  'chat.message_posted': chatMessage,
  'chat.message_edited': chatMessage,
  'chat.message_deleted': chatMessage,
  'chat.reaction_changed': chatMessage.extend({ emoji: text(64), on: z.boolean() }),
  'chat.read': z.object({ channel: text(100), title: name, unread: count, lastReadId: id }),
  'user.mentioned': z.object({
    mentionedUserIds: ids(100),
    messageId: id.optional(),
    noteId: id.optional(),
    channel: text(100).optional(),
    context: name,
    excerpt: text(500),
    url: text(500),
    productId: id.nullable(),
    teamId: id.nullable().optional(),
    findingId: id.nullable().optional(),
  }),
  // Notifications and operations
  'notification.created': z.object({
    alertId: id,
    notificationId: id,
    userId: id,
    type: text(60),
    title: name,
    productId: id.nullable(),
    url: text(500).nullable(),
  }),
  'job.failed': z.object({ job: text(200), jobId: text(100).nullable(), error: text(500) }),
  'jira.sync_failed': z.object({
    jiraIssueId: id,
    productId: id,
    subject: text(300),
    jiraKey: text(100).nullable(),
    findingIds: ids(),
    error: text(500),
    attempts: count,
  }),
} as const;

export type DomainEventType = keyof typeof DOMAIN_EVENT_PAYLOADS;
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_PAYLOADS) as DomainEventType[];

/** What a consumer reads for an event of type T. */
export type DomainEventPayload<T extends DomainEventType> = z.output<(typeof DOMAIN_EVENT_PAYLOADS)[T]>;
/** What `publish` accepts for T: the current shape only (never a legacy one). */
export type DomainEventPayloadInput<T extends DomainEventType> = DomainEventPayload<T>;

/** An event read from the log and parsed: `switch (e.type)` narrows `e.payload`. */
export type ParsedDomainEvent<Meta = object> = {
  [T in DomainEventType]: Meta & { type: T; payload: DomainEventPayload<T> };
}[DomainEventType];

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.hasOwn(DOMAIN_EVENT_PAYLOADS, type);
}

export class EventPayloadError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`Event ${type}: ${message}`);
    this.name = 'EventPayloadError';
  }
}

/**
 * The payload to store for a new event: parsed by its schema;
 * throws EventPayloadError when invalid or over the size limit.
 */
export function checkEventPayload<T extends DomainEventType>(
  type: T,
  payload: DomainEventPayloadInput<T>,
): DomainEventPayload<T> {
  const schema = DOMAIN_EVENT_PAYLOADS[type] as z.ZodType;
  if (!schema) throw new EventPayloadError(type, 'not in the catalogue');
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new EventPayloadError(type, z.prettifyError(parsed.error));
  const bytes = new TextEncoder().encode(JSON.stringify(parsed.data)).length;
  if (bytes > MAX_EVENT_PAYLOAD_BYTES)
    throw new EventPayloadError(type, `payload is ${bytes} bytes, more than ${MAX_EVENT_PAYLOAD_BYTES}`);
  return parsed.data as DomainEventPayload<T>;
}

/**
 * An event read from the log with its payload parsed, or the reason it cannot be read (unknown type, invalid payload).
 */
export function parseDomainEvent<E extends { type: string; payload: unknown }>(
  e: E,
): { ok: true; event: Omit<E, 'type' | 'payload'> & ParsedDomainEvent } | { ok: false; reason: string } {
  if (!isDomainEventType(e.type)) return { ok: false, reason: `unknown event type ${e.type}` };
  const parsed = (DOMAIN_EVENT_PAYLOADS[e.type] as z.ZodType).safeParse(e.payload);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  return {
    ok: true,
    // parsed.data came from the schema chosen by e.type; TypeScript cannot narrow the union through that lookup.
    event: { ...e, payload: parsed.data } as unknown as Omit<E, 'type' | 'payload'> & ParsedDomainEvent,
  };
}
