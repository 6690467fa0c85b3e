// CVSS scores of a validated vector, computed by ae-cvss-calculator, with the qualitative rating
// each version's specification defines.
import cvssLibrary from 'ae-cvss-calculator';
import { type CvssVersion, type ParsedCvssVector, CvssVectorError, parseCvssVector } from './cvss-vector.ts';

/** Qualitative severity rating (FIRST v3.x/v4.0 table; NVD's Low/Medium/High for v2). */
export type CvssRating = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';

export interface CvssScore extends ParsedCvssVector {
  /** Score of the base metrics alone (CVSS-B for v4.0). */
  readonly baseScore: number;
  readonly baseRating: CvssRating;
  /**
   * Score of the vector as given: base plus any temporal/threat and environmental metrics
   * (v3.x "overall", v4.0 CVSS-BT/BE/BTE). Equal to baseScore for a base-only vector.
   */
  readonly score: number;
  readonly rating: CvssRating;
  /** v2/v3.x only, when temporal metrics are given. */
  readonly temporalScore?: number;
  /** v2/v3.x only, when environmental metrics are given. */
  readonly environmentalScore?: number;
}

/** The rating of a score under a version's table; v2 has no None or Critical. */
export function cvssRating(version: CvssVersion, score: number): CvssRating {
  if (version === '2.0') return score >= 7 ? 'High' : score >= 4 ? 'Medium' : 'Low';
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'None';
}

interface Scores {
  base: number;
  score: number;
  temporal?: number;
  environmental?: number;
}

function computeScores(parsed: ParsedCvssVector): Scores {
  if (parsed.version === '4.0') {
    // The one v4.0 score of a vector, and the base-only one; calculateScores would also compute the
    // threat and environmental variants, each a full macro-vector interpolation.
    const score = new cvssLibrary.Cvss4P0(parsed.vector).calculateOverallScore();
    const base =
      parsed.baseVector === parsed.vector ? score : new cvssLibrary.Cvss4P0(parsed.baseVector).calculateOverallScore();
    return { base, score };
  }
  const vector =
    parsed.version === '2.0'
      ? new cvssLibrary.Cvss2(parsed.vector)
      : parsed.version === '3.0'
        ? new cvssLibrary.Cvss3P0(parsed.vector)
        : new cvssLibrary.Cvss3P1(parsed.vector);
  const result = vector.calculateScores();
  if (result.base === undefined) throw new CvssVectorError(parsed.vector, undefined, 'the base score is undefined');
  return {
    base: result.base,
    score: result.overall,
    temporal: result.temporal,
    environmental: result.environmental,
  };
}

function score(vector: string): CvssScore {
  const parsed = parseCvssVector(vector);
  const scores = computeScores(parsed);
  return Object.freeze({
    ...parsed,
    baseScore: scores.base,
    baseRating: cvssRating(parsed.version, scores.base),
    score: scores.score,
    rating: cvssRating(parsed.version, scores.score),
    ...(scores.temporal === undefined ? {} : { temporalScore: scores.temporal }),
    ...(scores.environmental === undefined ? {} : { environmentalScore: scores.environmental }),
  });
}

// Reports and advisory feeds repeat the same few thousand vectors, and the library's scoring costs
// far more than a lookup: results (frozen) and refusals are kept per string, up to a bound, then the
// cache starts over.
const CACHE_LIMIT = 10_000;
const cache = new Map<string, CvssScore | CvssVectorError>();

/** Validates and scores a CVSS v2.0/v3.0/v3.1/v4.0 vector; throws CvssVectorError when it is not valid. */
export function scoreCvss(vector: string): CvssScore {
  let known = cache.get(vector);
  if (known === undefined) {
    try {
      known = score(vector);
    } catch (error) {
      if (!(error instanceof CvssVectorError)) throw error;
      known = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(vector, known);
  }
  if (known instanceof CvssVectorError) throw known;
  return known;
}

/** scoreCvss for text that may not be a vector: undefined instead of an error. */
export function tryScoreCvss(vector: string | null | undefined): CvssScore | undefined {
  if (!vector) return undefined;
  try {
    return scoreCvss(vector);
  } catch (error) {
    if (error instanceof CvssVectorError) return undefined;
    throw error;
  }
}
