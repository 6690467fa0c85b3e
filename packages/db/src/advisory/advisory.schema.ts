import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Numeric, TextArray, Timestamp } from '../schema-columns.ts';

/** A qualitative severity, lower case (CVSS's ratings; the sources' own words mapped onto them). */
export type AdvisoryRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** 0019_vulndb: one advisory, its OSV record as published in `record`. */
export interface AdvisoriesTable {
  id: Generated<number>;
  /** The record's own id (GHSA-…, PYSEC-…, CVE-…). */
  osv_id: string;
  modified: Timestamp;
  published: Timestamp | null;
  withdrawn: Timestamp | null;
  summary: string | null;
  details: string | null;
  /** The OSV JSON as published, returned as it came in. */
  record: ColumnType<unknown, string, string>;
  /** Where it came from: `osv:<ecosystem>`, `import`, `nvd`. */
  source: string;
  /** SHA-256 (hex) of the record's JSON text as read. */
  content_hash: string;
  /** The highest computed CVSS base score of the record's severities. */
  severity_score: Numeric | null;
  severity_rating: AdvisoryRating | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AdvisoryAliasesTable {
  advisory_id: number;
  alias: string;
}

export interface AdvisoryAliasGroupsTable {
  id: Generated<number>;
  canonical_id: string;
  updated_at: CreatedAt;
}

/** Every vulnerability id known to the store (advisory ids and aliases), with its group. */
export interface AdvisoryAliasGroupMembersTable {
  vuln_id: string;
  group_id: number;
}

export interface AdvisoryAffectedTable {
  advisory_id: number;
  /** Position in the record's `affected` array. */
  ordinal: number;
  /** As published: `Debian:12`, `npm`. */
  ecosystem: string | null;
  /** Without the release suffix: `Debian`. */
  ecosystem_base: string | null;
  name: string | null;
  /** The name as the ecosystem compares names (PyPI's PEP 503 form, NuGet lower case, …). */
  normalized_name: string | null;
  purl: string | null;
  /** The affected package's ranges exactly as published (never flattened into bounds). */
  ranges: Json;
  versions: TextArray;
}

export interface AdvisorySeveritiesTable {
  advisory_id: number;
  ordinal: number;
  /** null: the record's top-level severity; else the affected package it belongs to. */
  affected_ordinal: number | null;
  /** CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu; or the source's own rating (`GHSA`). */
  type: string;
  vector: string;
  score: Numeric | null;
  rating: AdvisoryRating | null;
}

export interface AdvisoryCwesTable {
  advisory_id: number;
  cwe_id: number;
}

export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

/** 0019_vulndb: one run of a loader (OSV archive, NVD pages, a single import). */
export interface VulndbSyncRunsTable {
  id: Generated<number>;
  source: string;
  ecosystem: string | null;
  origin: string | null;
  status: ColumnType<SyncRunStatus, SyncRunStatus | undefined, SyncRunStatus>;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  read: ColumnType<number, number | undefined, number>;
  inserted: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  withdrawn: ColumnType<number, number | undefined, number>;
  invalid: ColumnType<number, number | undefined, number>;
  /** The first invalid records' ids and reasons ({id, reason}[]). */
  invalid_records: Json;
  error: string | null;
  /** Where a resumable source stopped (NVD: the lastModified window and start index). */
  cursor: Json;
}

export interface AdvisoryTables {
  advisories: AdvisoriesTable;
  advisory_aliases: AdvisoryAliasesTable;
  advisory_alias_groups: AdvisoryAliasGroupsTable;
  advisory_alias_group_members: AdvisoryAliasGroupMembersTable;
  advisory_affected: AdvisoryAffectedTable;
  advisory_severities: AdvisorySeveritiesTable;
  advisory_cwes: AdvisoryCwesTable;
  vulndb_sync_runs: VulndbSyncRunsTable;
}
