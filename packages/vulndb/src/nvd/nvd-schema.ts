// The NVD CVE API 2.0 response (https://nvd.nist.gov/developers/vulnerabilities, the API's JSON
// schema "cve_api_json_2.0"), as much of it as the mapper reads; every object keeps the fields this
// version does not know (the NVD adds some every few years), and CPE configurations are kept whole.
import { z } from 'zod';

/** NVD writes instants without a zone (UTC), to the millisecond: 2021-12-10T10:15:09.143. */
const NVD_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** NVD's zone-less instants are UTC. */
function withZone(instant: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(instant) ? instant : `${instant}Z`;
}

const zInstant = z
  .string()
  .regex(NVD_INSTANT, 'must be an ISO 8601 date and time')
  .refine((s) => !Number.isNaN(Date.parse(withZone(s))), { message: 'is not a real date and time' });

const zLangString = z.looseObject({ lang: z.string(), value: z.string() });

const zCvssData = z.looseObject({
  version: z.string(),
  vectorString: z.string().max(1024),
  baseScore: z.number().min(0).max(10),
  baseSeverity: z.string().optional(),
});

/** One entry of metrics.cvssMetricV40/V31/V30/V2: who scored it, primary or secondary, the vector. */
const zCvssMetric = z.looseObject({
  source: z.string().optional(),
  type: z.string().optional(),
  cvssData: zCvssData,
  /** v2 puts the rating beside cvssData. */
  baseSeverity: z.string().optional(),
});

export const NVD_METRIC_KEYS = ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2'] as const;
export type NvdMetricKey = (typeof NVD_METRIC_KEYS)[number];

export const ZNvdCve = z.looseObject({
  id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE id (CVE-2024-12345)'),
  sourceIdentifier: z.string().optional(),
  published: zInstant,
  lastModified: zInstant,
  vulnStatus: z.string().optional(),
  descriptions: z.array(zLangString).max(100).default([]),
  metrics: z
    .looseObject({
      cvssMetricV40: z.array(zCvssMetric).max(100).optional(),
      cvssMetricV31: z.array(zCvssMetric).max(100).optional(),
      cvssMetricV30: z.array(zCvssMetric).max(100).optional(),
      cvssMetricV2: z.array(zCvssMetric).max(100).optional(),
    })
    .optional(),
  weaknesses: z
    .array(
      z.looseObject({ source: z.string().optional(), type: z.string().optional(), description: z.array(zLangString) }),
    )
    .max(1000)
    .optional(),
  configurations: z.array(z.looseObject({ nodes: z.array(z.record(z.string(), z.unknown())) })).optional(),
  references: z
    .array(z.looseObject({ url: z.string(), source: z.string().optional(), tags: z.array(z.string()).optional() }))
    .max(10_000)
    .optional(),
});
export type NvdCve = z.infer<typeof ZNvdCve>;

/** The page around the CVEs; each vulnerability is validated on its own so one bad CVE skips alone. */
export const ZNvdPage = z.looseObject({
  resultsPerPage: z.number().int().min(0),
  startIndex: z.number().int().min(0),
  totalResults: z.number().int().min(0),
  format: z.literal('NVD_CVE', { error: 'must be "NVD_CVE" (a CVE API page)' }),
  version: z.string().regex(/^2\./, 'must be a 2.x API version'),
  timestamp: zInstant,
  vulnerabilities: z.array(z.unknown()),
});

export const ZNvdVulnerability = z.looseObject({ cve: ZNvdCve });

/** The instant as OSV writes it: RFC 3339 in UTC with a Z (NVD's zone-less instants are UTC). */
export function nvdInstantToOsv(instant: string): string {
  return new Date(withZone(instant)).toISOString();
}
