import { z } from 'zod';
import { ZVulndbSyncSource } from '../advisory/advisory-api.contract.ts';

/** A scheduled or maintenance job takes no input: each run works out what is due now. */
const none = z.object({}).passthrough();
const id = z.number().int().positive();

/** Advisories that changed, and the packages they named before the change (a narrowed entry may name none now). */
const ZSbomReverseMatch = z.object({
  osvIds: z.array(z.string().min(1).max(255)).max(10_000),
  packages: z.array(z.object({ ecosystem: z.string().min(1).max(100), name: z.string().min(1).max(1000) })).max(50_000),
});

/**
 * Every job Vigil knows, by queue name, with the schema of its payload: the one declaration that
 * `enqueue` (type-checked: a job accepts only its own payload) and the worker (parses the payload
 * before the handler runs) both use. Retry policy, timeout and schedule live beside the handler
 * (packages/jobs). docs/jobs.md, "Adding a job".
 */
export const jobPayloads = {
  'import.scan': z.object({ requestId: id }),
  'deduplication.rehash': z.object({ runId: id }),
  'jira.sync-issue': z.object({ issueId: id }),
  'jira.dispatch-events': none,
  'jira.reconcile': none,
  'maintenance.expired-sessions': none,
  'maintenance.login-attempts': none,
  'maintenance.idempotency-keys': none,
  'retention.notifications': none,
  'reminders.upcoming-engagements': none,
  'reminders.stale-engagements': none,
  'sla.breaches': none,
  'risk-acceptances.expiry': none,
  'retention.duplicates': none,
  'retention.audit-log': none,
  'retention.domain-events': none,
  'retention.artifacts': none,
  'vulndb.sync': ZVulndbSyncSource,
  'vulndb.sync-scheduled': none,
  'sbom.match': z.object({ engagementId: id }),
  'sbom.reverse-match': ZSbomReverseMatch,
} as const;

export type JobName = keyof typeof jobPayloads;
export type JobPayloadSchema<N extends JobName> = (typeof jobPayloads)[N];
/** What `enqueue(name, …)` accepts for job `name`. */
export type JobPayload<N extends JobName> = z.input<JobPayloadSchema<N>>;
/** What the handler of job `name` receives (parsed). */
export type ParsedJobPayload<N extends JobName> = z.output<JobPayloadSchema<N>>;

export const JOB_NAMES = Object.keys(jobPayloads) as JobName[];
