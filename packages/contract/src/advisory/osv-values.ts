// The OSV model's value lists and size limits without zod (https://ossf.github.io/osv-schema/),
// for code that needs them at run time (the loader, the web app's advisory page).

export const OSV_SEVERITY_TYPES = ['CVSS_V2', 'CVSS_V3', 'CVSS_V4', 'Ubuntu'] as const;
export type OsvSeverityType = (typeof OSV_SEVERITY_TYPES)[number];

export const OSV_UBUNTU_PRIORITIES = ['negligible', 'low', 'medium', 'high', 'critical'] as const;

export const OSV_RANGE_TYPES = ['SEMVER', 'ECOSYSTEM', 'GIT'] as const;
export type OsvRangeType = (typeof OSV_RANGE_TYPES)[number];

export const OSV_EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
export type OsvEventKind = (typeof OSV_EVENT_KINDS)[number];

export const OSV_REFERENCE_TYPES = [
  'ADVISORY',
  'ARTICLE',
  'DETECTION',
  'DISCUSSION',
  'REPORT',
  'FIX',
  'INTRODUCED',
  'GIT',
  'PACKAGE',
  'EVIDENCE',
  'WEB',
] as const;

export const OSV_CREDIT_TYPES = [
  'FINDER',
  'REPORTER',
  'ANALYST',
  'COORDINATOR',
  'REMEDIATION_DEVELOPER',
  'REMEDIATION_REVIEWER',
  'REMEDIATION_VERIFIER',
  'TOOL',
  'SPONSOR',
  'OTHER',
] as const;

/**
 * Upper bounds that keep one record's cost bounded. They are far above what the OSV databases
 * publish (the largest real records are distro advisories with a few hundred affected packages,
 * or PyPI/Go records listing a few thousand versions): a record beyond them is refused, not cut.
 */
export const OSV_LIMITS = {
  /** UTF-8 bytes of one record as published (the loader refuses a larger zip entry unread). */
  recordBytes: 32 * 1024 * 1024,
  id: 255,
  /** aliases, related and upstream, each. */
  idList: 10_000,
  summary: 16_384,
  details: 1_048_576,
  severities: 100,
  severityScore: 1_024,
  affected: 50_000,
  ecosystem: 128,
  packageName: 1_024,
  purl: 4_096,
  ranges: 1_000,
  events: 10_000,
  /** a version, a commit hash, or a range event's value. */
  version: 1_024,
  versions: 200_000,
  references: 10_000,
  url: 8_192,
  credits: 1_000,
  creditName: 1_024,
  contacts: 100,
} as const;
