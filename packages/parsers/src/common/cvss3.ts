import { tryScoreCvss } from '../cvss/index.ts';
import type { Severity } from '../parser.ts';

/** A CVSS v3.x base vector found in a report, with its base score (computed by the shared CVSS module). */
export interface Cvss3 {
  /** Normalized base vector, "CVSS:3.1/AV:N/AC:L/...". */
  vector: string;
  baseScore: number;
  severity: Severity;
}

/** Severity word for a CVSS v3 base score; a 0.0 score is Info. */
export function cvss3Severity(score: number): Severity {
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'Info';
}

/**
 * Finds a CVSS v3.0/v3.1 vector (the "CVSS:3.x/" prefix is required, as in the reference
 * implementation) anywhere in `text`, the way scanners embed it in prose; undefined when there is
 * no valid v3 vector.
 */
export function parseCvss3(text: string | undefined | null): Cvss3 | undefined {
  if (!text) return undefined;
  const m = /CVSS:3\.[01]\/[A-Za-z:/]+/.exec(String(text));
  const score = m ? tryScoreCvss(m[0].replace(/\/+$/, '')) : undefined;
  if (!score) return undefined;
  return { vector: score.baseVector, baseScore: score.baseScore, severity: cvss3Severity(score.baseScore) };
}
