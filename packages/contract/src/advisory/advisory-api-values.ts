// The advisory API's value lists without zod, for the web app's search form and sync history page.

/** Qualitative severity ratings (CVSS's words; the sources' own words are mapped onto them). */
export const ADVISORY_RATINGS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type AdvisoryRating = (typeof ADVISORY_RATINGS)[number];

/** What the advisory list is ordered by, newest first. */
export const ADVISORY_LIST_SORTS = ['modified', 'published'] as const;
export type AdvisoryListSort = (typeof ADVISORY_LIST_SORTS)[number];

/** The loaders a sync run can be. */
export const VULNDB_SYNC_SOURCES = ['osv', 'nvd'] as const;
export type VulndbSyncSourceKind = (typeof VULNDB_SYNC_SOURCES)[number];

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncRunStatusValue = (typeof SYNC_RUN_STATUSES)[number];

export const ADVISORY_API_LIMITS = {
  vulnId: 255,
  ecosystem: 128,
  packageName: 1_024,
  purl: 4_096,
  source: 100,
} as const;
