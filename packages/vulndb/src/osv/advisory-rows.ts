import type { OsvRecord } from '@vigil/contract';
import type { AdvisoryRating, AdvisoryWrite, AffectedWrite, SeverityWrite } from '@vigil/db';
import { ecosystemBase, normalizePackageName } from './package-name.ts';

export interface SeverityScore {
  score: number;
  rating: AdvisoryRating;
}

/** Scores a CVSS vector; null when the vector cannot be scored (the severity is kept, unscored). */
export type SeverityScorer = (type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4', vector: string) => SeverityScore | null;

/** The severity row type of a source's own qualitative word (GHSA's database_specific.severity). */
export const SOURCE_RATING_TYPE = 'SOURCE_RATING';

/** Sources' words for their ratings (GHSA says MODERATE, Ubuntu says negligible). */
const RATING_WORDS: Record<string, AdvisoryRating> = {
  none: 'none',
  negligible: 'low',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  important: 'high',
  high: 'high',
  critical: 'critical',
};

export function ratingOfWord(word: string): AdvisoryRating | null {
  return RATING_WORDS[word.toLowerCase()] ?? null;
}

const CWE = /^CWE-(\d{1,9})$/;

/**
 * What the store keeps beside a record: its lookup columns, affected packages with ranges as
 * published, severities with computed scores, CWEs. The advisory's score is the highest computed
 * CVSS score; its rating that score's, else the source's own word, else an Ubuntu priority.
 */
export function advisoryWrite(
  record: OsvRecord,
  published: unknown,
  meta: { source: string; hash: string },
  scorer: SeverityScorer,
): AdvisoryWrite {
  const severities: SeverityWrite[] = [];
  const addSeverities = (list: OsvRecord['severity'], affectedOrdinal: number | null) => {
    for (const s of list ?? []) {
      const scored = s.type === 'Ubuntu' ? null : scorer(s.type, s.score);
      severities.push({
        ordinal: severities.length,
        affected_ordinal: affectedOrdinal,
        type: s.type,
        vector: s.score,
        score: scored?.score ?? null,
        rating: scored?.rating ?? (s.type === 'Ubuntu' ? ratingOfWord(s.score) : null),
      });
    }
  };
  addSeverities(record.severity, null);
  const affected: AffectedWrite[] = (record.affected ?? []).map((a, ordinal) => {
    addSeverities(a.severity, ordinal);
    const pkg = a.package;
    return {
      ordinal,
      ecosystem: pkg?.ecosystem ?? null,
      ecosystem_base: pkg ? ecosystemBase(pkg.ecosystem) : null,
      name: pkg?.name ?? null,
      normalized_name: pkg ? normalizePackageName(pkg.ecosystem, pkg.name) : null,
      purl: pkg?.purl ?? null,
      ranges: a.ranges ?? [],
      versions: a.versions ?? [],
    };
  });
  const sourceWord = record.database_specific?.severity;
  if (typeof sourceWord === 'string' && sourceWord.length > 0 && sourceWord.length <= 64)
    severities.push({
      ordinal: severities.length,
      affected_ordinal: null,
      type: SOURCE_RATING_TYPE,
      vector: sourceWord,
      score: null,
      rating: ratingOfWord(sourceWord),
    });
  const scored = severities.filter((s) => s.score !== null && s.type !== SOURCE_RATING_TYPE);
  const top = scored.reduce<SeverityWrite | undefined>(
    (m, s) => (m && (m.score ?? 0) >= (s.score ?? 0) ? m : s),
    undefined,
  );
  const words = severities.filter((s) => s.score === null && s.rating !== null);
  const fallback = [...words.filter((s) => s.type === SOURCE_RATING_TYPE), ...words][0];
  return {
    osv_id: record.id,
    modified: record.modified,
    published: record.published ?? null,
    withdrawn: record.withdrawn ?? null,
    summary: record.summary ?? null,
    details: record.details ?? null,
    record: published,
    source: meta.source,
    content_hash: meta.hash,
    severity_score: top?.score ?? null,
    severity_rating: top?.rating ?? fallback?.rating ?? null,
    aliases: [...new Set(record.aliases ?? [])].filter((a) => a !== record.id),
    affected,
    severities,
    cwes: cweIds(record),
  };
}

/** CWE numbers from `database_specific.cwe_ids` (GHSA's field; OSV itself has none). */
function cweIds(record: OsvRecord): number[] {
  const ids = record.database_specific?.cwe_ids;
  if (!Array.isArray(ids)) return [];
  const out = new Set<number>();
  for (const id of ids) {
    const m = typeof id === 'string' ? CWE.exec(id) : null;
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}
