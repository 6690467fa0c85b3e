// Strict reading of CVSS vector strings (v2.0, v3.0, v3.1, v4.0). The metric tables come from
// ae-cvss-calculator's own component registry, so the names and values accepted here are exactly
// the ones it scores; the checks the library leaves out (duplicates, missing or "not defined" base
// metrics, unknown prefixes, lower-case names) are made here, each naming the vector and the metric.
import cvssLibrary from 'ae-cvss-calculator';
import type { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export const CVSS_VERSIONS: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

/** A validated vector: its version, the metrics as given, and its canonical string. */
export interface ParsedCvssVector {
  readonly version: CvssVersion;
  /** Prefix + the given metrics in the specification's order ("CVSS:3.1/AV:N/…"; v2 has no prefix). */
  readonly vector: string;
  /** The same with the base metrics only. */
  readonly baseVector: string;
  /** Metric abbreviation → value abbreviation, as given (AV → N). */
  readonly metrics: Readonly<Record<string, string>>;
}

/** A vector that is not a valid CVSS vector; says which vector, which metric (when one is to blame) and why. */
export class CvssVectorError extends Error {
  constructor(
    readonly vector: string,
    readonly metric: string | undefined,
    readonly reason: string,
  ) {
    super(`invalid CVSS vector "${vector}": ${metric === undefined ? '' : `metric ${metric}: `}${reason}`);
    this.name = 'CvssVectorError';
  }
}

type AnyLibraryVector = Cvss2 | Cvss3P0 | Cvss3P1 | Cvss4P0;

interface VersionTable {
  prefix: string;
  /** The value the specification uses for "Not Defined" (X; ND in v2). */
  notDefined: string;
  /** Metric → allowed values, in the specification's vector-string order. */
  metrics: Map<string, ReadonlySet<string>>;
  base: ReadonlySet<string>;
}

function table(prefix: string, notDefined: string, prototype: AnyLibraryVector): VersionTable {
  const metrics = new Map<string, ReadonlySet<string>>();
  const base = new Set<string>();
  // v4 lists its vector-string order separately from its categories (Threat before Environmental).
  const categories =
    prototype instanceof cvssLibrary.Cvss4P0
      ? prototype.getVectorStringOrderProperties()
      : prototype.getRegisteredComponents();
  for (const [category, components] of categories) {
    for (const component of components) {
      metrics.set(component.shortName, new Set(component.values.map((value) => value.shortName)));
      if (category.name === 'base') base.add(component.shortName);
    }
  }
  return { prefix, notDefined, metrics, base };
}

const TABLES: Record<CvssVersion, VersionTable> = {
  '2.0': table('', 'ND', new cvssLibrary.Cvss2()),
  '3.0': table('CVSS:3.0/', 'X', new cvssLibrary.Cvss3P0()),
  '3.1': table('CVSS:3.1/', 'X', new cvssLibrary.Cvss3P1()),
  '4.0': table('CVSS:4.0/', 'X', new cvssLibrary.Cvss4P0()),
};

/** The version a vector string declares: a CVSS:3.0/3.1/4.0 prefix, or none for v2. */
function versionOf(vector: string): { version: CvssVersion; body: string } {
  const prefix = /^CVSS:(\d+\.\d+)\//.exec(vector);
  if (prefix) {
    const version = prefix[1] as CvssVersion;
    if (version === '2.0' || !CVSS_VERSIONS.includes(version)) {
      throw new CvssVectorError(vector, undefined, `unsupported version prefix "CVSS:${prefix[1]}"`);
    }
    return { version, body: vector.slice(prefix[0].length) };
  }
  if (vector.startsWith('CVSS:')) throw new CvssVectorError(vector, undefined, 'malformed "CVSS:<version>/" prefix');
  // v2 vectors have no prefix; NVD's older feeds wrap them in parentheses.
  const body = vector.startsWith('(') && vector.endsWith(')') ? vector.slice(1, -1) : vector;
  if (!/^AV:/.test(body))
    throw new CvssVectorError(vector, undefined, 'no "CVSS:<version>/" prefix and not a v2 vector');
  return { version: '2.0', body };
}

/** Parses and validates a CVSS vector; throws CvssVectorError naming the vector and the bad metric. */
export function parseCvssVector(input: string): ParsedCvssVector {
  const vector = input.trim();
  if (vector === '') throw new CvssVectorError(input, undefined, 'empty vector');
  const { version, body } = versionOf(vector);
  const spec = TABLES[version];
  const metrics: Record<string, string> = {};
  for (const part of body.split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!match) throw new CvssVectorError(vector, part, 'not a "metric:value" pair');
    const [, metric, value] = match;
    const allowed = spec.metrics.get(metric);
    if (!allowed) throw new CvssVectorError(vector, metric, `unknown metric in CVSS ${version}`);
    if (!allowed.has(value)) {
      throw new CvssVectorError(vector, metric, `value "${value}" is not one of ${[...allowed].join(', ')}`);
    }
    if (metric in metrics) throw new CvssVectorError(vector, metric, 'given more than once');
    metrics[metric] = value;
  }
  for (const metric of spec.base) {
    if (!(metric in metrics)) throw new CvssVectorError(vector, metric, 'base metric missing');
    if (metrics[metric] === spec.notDefined) {
      throw new CvssVectorError(vector, metric, `base metric may not be "${spec.notDefined}" (not defined)`);
    }
  }
  const inOrder = (keep: (metric: string) => boolean) =>
    spec.prefix +
    [...spec.metrics.keys()]
      .filter((m) => m in metrics && keep(m))
      .map((m) => `${m}:${metrics[m]}`)
      .join('/');
  return {
    version,
    vector: inOrder(() => true),
    baseVector: inOrder((m) => spec.base.has(m)),
    metrics: Object.freeze(metrics),
  };
}
