// @vigil/parsers/cvss: the one CVSS module of the code base (docs/vulndb.md#cvss). The parsers read
// vectors in scanner reports with it, and @vigil/vulndb scores advisories with it; both go through
// ae-cvss-calculator only here.
export {
  type CvssVersion,
  type ParsedCvssVector,
  CVSS_VERSIONS,
  CvssVectorError,
  parseCvssVector,
} from './cvss-vector.ts';
export { type CvssRating, type CvssScore, cvssRating, scoreCvss, tryScoreCvss } from './cvss-score.ts';
