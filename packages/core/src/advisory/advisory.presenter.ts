import type { AdvisoryAffected, AdvisoryDetail, AdvisorySeverity, AdvisorySummary, SyncRun } from '@vigil/contract';
import type { AdvisoryDetailRow, AdvisorySummaryRow, SyncRunRow } from '@vigil/db';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function presentAdvisorySummary(a: AdvisorySummaryRow): AdvisorySummary {
  return {
    id: a.osv_id,
    canonicalId: a.canonical_id,
    aliases: a.aliases,
    summary: a.summary,
    published: a.published?.toISOString() ?? null,
    modified: a.modified.toISOString(),
    withdrawn: a.withdrawn?.toISOString() ?? null,
    severityScore: a.severity_score === null ? null : Number(a.severity_score),
    severityRating: a.severity_rating,
  };
}

/** What the detail page shows beside the stored row: how it was found and its alias group. */
export interface AdvisoryView {
  advisory: AdvisoryDetailRow;
  matchedBy: 'id' | 'alias';
  group: { canonicalId: string; members: string[]; advisories: string[] };
}

/**
 * One advisory: the stored columns, severities with their computed scores, and everything else
 * read from the record as published (affected packages with their ranges untouched, references,
 * credits), plus the record itself.
 */
export function presentAdvisoryDetail(v: AdvisoryView): AdvisoryDetail {
  const a = v.advisory;
  const record = isObject(a.record) ? a.record : {};
  const severities: AdvisorySeverity[] = a.severities.map((s) => ({
    type: s.type,
    vector: s.vector,
    score: s.score === null ? null : Number(s.score),
    rating: s.rating,
    affectedIndex: s.affected_ordinal,
  }));
  const affected: AdvisoryAffected[] = objects(record.affected).map((entry) => {
    const pkg = isObject(entry.package) ? entry.package : {};
    return {
      ecosystem: text(pkg.ecosystem),
      name: text(pkg.name),
      purl: text(pkg.purl),
      ranges: objects(entry.ranges).map((r) => ({
        ...r,
        type: text(r.type) ?? '',
        events: objects(r.events).map((e) =>
          Object.fromEntries(Object.entries(e).filter((kv): kv is [string, string] => typeof kv[1] === 'string')),
        ),
      })),
      versions: strings(entry.versions),
      ecosystemSpecific: isObject(entry.ecosystem_specific) ? entry.ecosystem_specific : null,
      databaseSpecific: isObject(entry.database_specific) ? entry.database_specific : null,
    };
  });
  return {
    ...presentAdvisorySummary(a),
    details: a.details,
    source: a.source,
    matchedBy: v.matchedBy,
    related: strings(record.related),
    cwes: a.cwes,
    aliasGroup: v.group,
    severities,
    affected,
    references: objects(record.references).map((r) => ({ type: text(r.type) ?? 'WEB', url: text(r.url) ?? '' })),
    credits: objects(record.credits).map((c) => ({
      name: text(c.name) ?? '',
      type: text(c.type),
      contact: strings(c.contact),
    })),
    databaseSpecific: isObject(record.database_specific) ? record.database_specific : null,
    osv: record,
  };
}

export function presentSyncRun(r: SyncRunRow): SyncRun {
  return {
    id: r.id,
    source: r.source,
    ecosystem: r.ecosystem,
    origin: r.origin,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    counts: {
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      withdrawn: r.withdrawn,
      invalid: r.invalid,
    },
    invalidRecords: r.invalid_records,
    error: r.error,
  };
}
