import { z } from 'zod';
import { ZPageQuery, zId, zInstant, zPage, zQueryBool } from '../common/common.contract.ts';
import {
  ADVISORY_API_LIMITS as L,
  ADVISORY_LIST_SORTS,
  ADVISORY_RATINGS,
  SYNC_RUN_STATUSES,
  VULNDB_SYNC_SOURCES,
} from './advisory-api-values.ts';

// The advisory API (docs/vulndb.md "API"): search, one advisory by id or alias, the sync history and
// the administrators' "sync now". The OSV record itself is osv.contract.ts.

export const ZAdvisoryRating = z.enum(ADVISORY_RATINGS);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/**
 * A date bound: a calendar day (YYYY-MM-DD, UTC) or an instant (ISO 8601 with a zone). A day as an
 * upper bound includes the whole day, so `publishedTo=2024-01-31` keeps what was published that day.
 */
const zDateBound = (end: 'from' | 'to') =>
  z
    .union([z.string().regex(DAY), z.iso.datetime({ offset: true })], {
      error: 'must be a date YYYY-MM-DD or an ISO 8601 date and time',
    })
    .transform((v, ctx) => {
      const ms = Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: 'custom', message: 'is not a real date' });
        return z.NEVER;
      }
      return new Date(DAY.test(v) && end === 'to' ? ms + DAY_MS : ms);
    })
    .optional();

const ratingList = ADVISORY_RATINGS.join('|');

export const ZAdvisoryListQuery = ZPageQuery.extend({
  id: z.string().trim().min(1).max(L.vulnId).optional().describe('an advisory id or one of its aliases (CVE-…)'),
  ecosystem: z
    .string()
    .trim()
    .min(1)
    .max(L.ecosystem)
    .optional()
    .describe('an OSV ecosystem (npm, PyPI, Debian); a release suffix such as Debian:12 is ignored'),
  package: z
    .string()
    .trim()
    .min(1)
    .max(L.packageName)
    .optional()
    .describe('a package name, compared as its ecosystem compares names; needs ecosystem'),
  purl: z
    .string()
    .trim()
    .regex(/^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\/\S+$/, 'must be a package URL (pkg:<type>/<name>)')
    .max(L.purl)
    .optional()
    .describe('a package URL, read as the OSV package it denotes; version, qualifiers and subpath are ignored'),
  cwe: z
    .string()
    .regex(/^(CWE-)?[1-9]\d{0,8}$/i, 'must be a CWE number (79 or CWE-79)')
    .transform((v) => Number(v.replace(/^CWE-/i, '')))
    .optional(),
  severity: z
    .string()
    .regex(new RegExp(`^(${ratingList})(,(${ratingList}))*$`), `must be ratings (${ratingList}) separated by commas`)
    .transform((v) => [...new Set(v.split(','))] as Array<z.infer<typeof ZAdvisoryRating>>)
    .optional()
    .describe('qualitative ratings, comma separated'),
  publishedFrom: zDateBound('from'),
  publishedTo: zDateBound('to'),
  modifiedFrom: zDateBound('from'),
  modifiedTo: zDateBound('to'),
  includeWithdrawn: zQueryBool().describe('withdrawn advisories are left out unless true'),
  sort: z.enum(ADVISORY_LIST_SORTS).default('modified'),
})
  .refine((q) => q.package === undefined || q.ecosystem !== undefined, {
    message: 'package needs ecosystem (names are compared as their ecosystem compares them)',
    path: ['package'],
  })
  .refine((q) => q.purl === undefined || (q.ecosystem === undefined && q.package === undefined), {
    message: 'purl names the package already: give either purl or ecosystem and package',
    path: ['purl'],
  });
export type AdvisoryListQuery = z.output<typeof ZAdvisoryListQuery>;
/** The query as a client writes it (dates and lists as text). */
export type AdvisoryListRequest = z.input<typeof ZAdvisoryListQuery>;

export const ZAdvisoryParams = z.object({
  id: z.string().min(1).max(L.vulnId).describe('an advisory id (GHSA-…, PYSEC-…) or an alias (CVE-…)'),
});

// ---- responses

export const ZAdvisorySummary = z.object({
  id: z.string().describe("the record's own id"),
  canonicalId: z.string().describe("the alias group's canonical id"),
  aliases: z.array(z.string()),
  summary: z.string().nullable(),
  published: zInstant().nullable(),
  modified: zInstant(),
  withdrawn: zInstant().nullable(),
  severityScore: z.number().nullable().describe('the highest computed CVSS base score of its severities'),
  severityRating: ZAdvisoryRating.nullable(),
});
export type AdvisorySummary = z.infer<typeof ZAdvisorySummary>;
export const ZAdvisoryPage = zPage(ZAdvisorySummary);
export type AdvisoryPage = z.infer<typeof ZAdvisoryPage>;

export const ZAdvisorySeverity = z.object({
  type: z.string().describe('CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu, or SOURCE_RATING (the source’s own word)'),
  vector: z.string().describe('the vector (or word) as published'),
  score: z.number().nullable().describe('computed base score; null when the vector cannot be scored'),
  rating: ZAdvisoryRating.nullable(),
  affectedIndex: z.number().int().nullable().describe('the affected package it belongs to; null: the whole record'),
});
export type AdvisorySeverity = z.infer<typeof ZAdvisorySeverity>;

const zJsonObject = () => z.record(z.string(), z.unknown());

/** One range exactly as published: type, repo, events in their order (never flattened into bounds). */
export const ZAdvisoryRange = z.looseObject({
  type: z.string(),
  repo: z.string().optional(),
  events: z.array(z.record(z.string(), z.string())),
  database_specific: zJsonObject().optional(),
});

export const ZAdvisoryAffected = z.object({
  ecosystem: z.string().nullable(),
  name: z.string().nullable(),
  purl: z.string().nullable(),
  ranges: z.array(ZAdvisoryRange),
  versions: z.array(z.string()),
  ecosystemSpecific: zJsonObject().nullable(),
  databaseSpecific: zJsonObject().nullable(),
});
export type AdvisoryAffected = z.infer<typeof ZAdvisoryAffected>;

export const ZAdvisoryReference = z.object({ type: z.string(), url: z.string() });
export const ZAdvisoryCredit = z.object({
  name: z.string(),
  type: z.string().nullable(),
  contact: z.array(z.string()),
});

export const ZAdvisoryAliasGroup = z.object({
  canonicalId: z.string(),
  members: z.array(z.string()).describe('every id of the group (advisory ids and aliases)'),
  advisories: z.array(z.string()).describe('the members this database holds a record of'),
});

export const ZAdvisoryDetail = ZAdvisorySummary.extend({
  details: z.string().nullable(),
  source: z.string().describe('where it was loaded from: osv:<ecosystem>, nvd, import'),
  matchedBy: z.enum(['id', 'alias']).describe('whether the requested id is the record’s id or one of its aliases'),
  related: z.array(z.string()),
  cwes: z.array(z.number().int()),
  aliasGroup: ZAdvisoryAliasGroup,
  severities: z.array(ZAdvisorySeverity),
  affected: z.array(ZAdvisoryAffected),
  references: z.array(ZAdvisoryReference),
  credits: z.array(ZAdvisoryCredit),
  databaseSpecific: zJsonObject().nullable(),
  osv: zJsonObject().describe('the OSV record exactly as it was published'),
});
export type AdvisoryDetail = z.infer<typeof ZAdvisoryDetail>;

// ---- sync history

export const ZSyncRunListQuery = ZPageQuery.extend({
  source: z.string().min(1).max(L.source).optional().describe('only runs of this source (osv, nvd, import)'),
});
export type SyncRunListQuery = z.output<typeof ZSyncRunListQuery>;

export const ZSyncRunCounts = z.object({
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  invalid: z.number().int(),
});

export const ZSyncRun = z.object({
  id: zId(),
  source: z.string(),
  ecosystem: z.string().nullable(),
  origin: z.string().nullable().describe('the URL, file or directory read'),
  status: z.enum(SYNC_RUN_STATUSES),
  startedAt: zInstant(),
  finishedAt: zInstant().nullable(),
  counts: ZSyncRunCounts,
  invalidRecords: z.array(z.object({ id: z.string(), reason: z.string() })).describe('the first refused records'),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof ZSyncRun>;
export const ZSyncRunPage = zPage(ZSyncRun);
export type SyncRunPage = z.infer<typeof ZSyncRunPage>;

/** Which configured source(s) to sync now; empty: every configured source. */
export const ZTriggerSyncRequest = z
  .object({
    source: z.enum(VULNDB_SYNC_SOURCES).optional(),
    ecosystem: z.string().min(1).max(L.ecosystem).optional().describe('one configured OSV ecosystem'),
  })
  .refine((b) => b.ecosystem === undefined || b.source !== 'nvd', {
    message: 'ecosystem applies to osv only',
    path: ['ecosystem'],
  });
export type TriggerSyncRequest = z.infer<typeof ZTriggerSyncRequest>;

/** A source a sync reads: an OSV ecosystem's archive, or NVD API 2.0 pages. */
export const ZVulndbSyncSource = z.discriminatedUnion('source', [
  z.object({ source: z.literal('osv'), ecosystem: z.string().min(1).max(L.ecosystem), url: z.string().min(1) }),
  z.object({ source: z.literal('nvd'), url: z.string().min(1) }),
]);
export type VulndbSyncSource = z.infer<typeof ZVulndbSyncSource>;

export const ZTriggerSyncResponse = z.object({
  queued: z.array(
    z.object({
      source: z.enum(VULNDB_SYNC_SOURCES),
      ecosystem: z.string().nullable(),
      url: z.string(),
      jobId: z.string().nullable().describe('null: a sync of this source was already queued'),
    }),
  ),
});
export type TriggerSyncResponse = z.infer<typeof ZTriggerSyncResponse>;
