// The finding's value lists and limits, without zod: the web app imports these at run time
// (through @vigil/contract/values) and its bundle stays free of zod. The schemas in
// finding.contract.ts are built from them.

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Triage actions, each a well-defined change of status flags (DefectDojo's rules; core/finding/finding-status.ts). */
export const STATUS_ACTIONS = [
  'verify',
  'unverify',
  'close',
  'reopen',
  'false_positive',
  'not_false_positive',
  'out_of_scope',
  'in_scope',
  'under_review',
  'review_done',
] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** Orders of the findings list (the repository implements each with a keyset cursor). */
export const FINDING_SORTS = ['id', '-id', 'severity', '-severity', 'date', '-date', 'title', '-title'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

/** What a caller may do to a finding, as the detail returns it (core/access/abilities.ts decides). */
export const FINDING_ABILITIES = ['read', 'update', 'delete', 'triage', 'add_note', 'accept_risk'] as const;
export type FindingAbility = (typeof FINDING_ABILITIES)[number];

export const LOCATION_KINDS = ['url', 'dependency'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const SLA_FILTERS = ['breached', 'soon', 'ok'] as const;

/**
 * The longest value each finding field holds, declared once: the API's request schemas validate
 * against these (a longer value is a 400 naming the field) and the importer cuts imported values
 * to them (docs/import.md#limits-and-bad-input). Lengths are in characters (UTF-16 units, as
 * String.length and zod count them); `…Count` are numbers of items.
 */
export const FINDING_LIMITS = {
  title: 511,
  /** description, mitigation, impact, references */
  longText: 200_000,
  vulnerabilityId: 100,
  vulnerabilityIdCount: 100,
  cvssv3: 200,
  cvssv4: 400,
  filePath: 4000,
  componentName: 500,
  componentVersion: 200,
  uniqueIdFromTool: 500,
  vulnIdFromTool: 500,
  tag: 100,
  tagCount: 50,
  locationCount: 1000,
  location: { protocol: 20, host: 500, path: 4000, query: 4000, purl: 2000 },
  note: 20_000,
  /** ids in one bulk triage or assignment */
  bulkIds: 1000,
} as const;
