import { tryScoreCvss } from '@vigil/parsers/cvss';
import type { AdvisoryRating } from '@vigil/db';
import type { SeverityScorer } from './advisory-rows.ts';

const VERSIONS = { CVSS_V2: ['2.0'], CVSS_V3: ['3.0', '3.1'], CVSS_V4: ['4.0'] } as const;

/**
 * Scores an OSV severity with the project's CVSS module (@vigil/parsers/cvss, on ae-cvss-calculator).
 * The stored score is the base score (CVSS-B for v4.0): what every source publishes and what
 * compares across sources; temporal and environmental metrics stay in the vector as published.
 * A vector whose version is not its OSV type's is left unscored.
 */
export const cvssScorer: SeverityScorer = (type, vector) => {
  const scored = tryScoreCvss(vector);
  if (!scored || !(VERSIONS[type] as readonly string[]).includes(scored.version)) return null;
  return { score: scored.baseScore, rating: scored.baseRating.toLowerCase() as AdvisoryRating };
};
