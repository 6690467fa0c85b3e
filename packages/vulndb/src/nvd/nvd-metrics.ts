// NVD's CVSS metrics → OSV severity entries. Every metric is validated and scored by the CVSS
// module; the record's severity holds one vector per CVSS version (the NVD's own "Primary" score
// before a CNA's "Secondary" one, v3.1 before v3.0), and every metric stays in database_specific.
import { type CvssScore, CvssVectorError } from '@vigil/parsers/cvss';
import { type OsvCvssType, scoreSeverityVector } from '../cvss/osv-cvss.ts';
import { NVD_METRIC_KEYS, type NvdCve, type NvdMetricKey } from './nvd-schema.ts';

const TYPE_OF_KEY: Record<NvdMetricKey, OsvCvssType> = {
  cvssMetricV40: 'CVSS_V4',
  cvssMetricV31: 'CVSS_V3',
  cvssMetricV30: 'CVSS_V3',
  cvssMetricV2: 'CVSS_V2',
};
const VERSION_OF_KEY: Record<NvdMetricKey, string> = {
  cvssMetricV40: '4.0',
  cvssMetricV31: '3.1',
  cvssMetricV30: '3.0',
  cvssMetricV2: '2.0',
};

/** One NVD metric as kept in database_specific.nvd.metrics: as published, plus Vigil's computation. */
export interface NvdMetricEntry {
  version: string;
  source?: string;
  type?: string;
  vectorString: string;
  /** The NVD's base score and rating, as published. */
  baseScore: number;
  baseSeverity?: string;
  /** The base score the CVSS module computes from the vector. */
  computedBaseScore: number;
}

export interface NvdSeverities {
  severity: Array<{ type: OsvCvssType; score: string }>;
  metrics: NvdMetricEntry[];
  /** Metrics left out (invalid vector, version unlike its list) or scored unlike the NVD, with the CVE id. */
  warnings: string[];
}

export function nvdSeverities(cve: NvdCve): NvdSeverities {
  const result: NvdSeverities = { severity: [], metrics: [], warnings: [] };
  const chosen = new Map<OsvCvssType, { vector: string; primary: boolean }>();
  for (const key of NVD_METRIC_KEYS) {
    (cve.metrics?.[key] ?? []).forEach((metric, index) => {
      const where = `${cve.id} metrics.${key}[${index}]`;
      const vector = metric.cvssData.vectorString;
      if (metric.cvssData.version !== VERSION_OF_KEY[key]) {
        result.warnings.push(`${where}: version "${metric.cvssData.version}" in the CVSS ${VERSION_OF_KEY[key]} list`);
        return;
      }
      let scored: CvssScore;
      try {
        scored = scoreSeverityVector(TYPE_OF_KEY[key], vector);
      } catch (error) {
        if (!(error instanceof CvssVectorError)) throw error;
        result.warnings.push(`${where}: ${error.message}`);
        return;
      }
      // The NVD's "baseScore" is the score of the vector as published (a v4.0 vector's threat and
      // environmental metrics included); the store keeps the base score of the base metrics.
      if (scored.score !== metric.cvssData.baseScore) {
        result.warnings.push(`${where}: the NVD says ${metric.cvssData.baseScore}, the vector scores ${scored.score}`);
      }
      const computed = scored.baseScore;
      const baseSeverity = metric.cvssData.baseSeverity ?? metric.baseSeverity;
      result.metrics.push({
        version: metric.cvssData.version,
        ...(metric.source === undefined ? {} : { source: metric.source }),
        ...(metric.type === undefined ? {} : { type: metric.type }),
        vectorString: vector,
        baseScore: metric.cvssData.baseScore,
        ...(baseSeverity === undefined ? {} : { baseSeverity }),
        computedBaseScore: computed,
      });
      const primary = metric.type === 'Primary';
      const held = chosen.get(TYPE_OF_KEY[key]);
      if (held === undefined || (primary && !held.primary)) chosen.set(TYPE_OF_KEY[key], { vector, primary });
    });
  }
  for (const type of ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'] as const) {
    const held = chosen.get(type);
    if (held) result.severity.push({ type, score: held.vector });
  }
  return result;
}
