// CVSS in OSV's model. The arithmetic and the validation live in the one CVSS module of the code
// base, @vigil/parsers/cvss (ae-cvss-calculator behind a strict vector reader): the parsers are the
// leaf both packages may import (docs/vulndb.md "CVSS"). What OSV adds is the severity type, which
// must name the vector's version.
import { type CvssScore, type CvssVersion, CvssVectorError, scoreCvss } from '@vigil/parsers/cvss';

/** The OSV severity types that carry a CVSS vector. */
export type OsvCvssType = 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4';

const TYPE_VERSIONS: Record<OsvCvssType, readonly CvssVersion[]> = {
  CVSS_V2: ['2.0'],
  CVSS_V3: ['3.0', '3.1'],
  CVSS_V4: ['4.0'],
};

/** The OSV severity type of a CVSS version. */
export function osvCvssType(version: CvssVersion): OsvCvssType {
  if (version === '2.0') return 'CVSS_V2';
  return version === '4.0' ? 'CVSS_V4' : 'CVSS_V3';
}

/**
 * Validates and scores a vector given as an OSV severity type; throws CvssVectorError when the
 * vector is invalid or of another version (a CVSS_V3 entry holding a 4.0 vector).
 */
export function scoreSeverityVector(type: OsvCvssType, vector: string): CvssScore {
  const scored = scoreCvss(vector);
  if (!TYPE_VERSIONS[type].includes(scored.version)) {
    throw new CvssVectorError(vector, undefined, `a CVSS ${scored.version} vector given as ${type}`);
  }
  return scored;
}
