// PyPI versions (PEP 440). @renovatebot/pep440 (4.x, pinned: 5.x needs Node 22) parses and normalizes
// them (epochs, a/b/rc spellings, post/dev, local labels); its compare() re-parses both strings on every
// call, so the order of PEP 440's sort key is applied here to the parsed parts instead. A string that is
// not PEP 440 is read as a legacy version (pypi-legacy.ts), which sorts before all PEP 440 versions.
import { parse } from '@renovatebot/pep440';
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';
import { compareLegacyKeys, legacyKey } from './pypi-legacy.ts';

/** Sort-key parts; `pre` is -Infinity for a bare dev release and Infinity for no prerelease. */
export interface PypiVersion extends ParsedVersion {
  readonly epoch: number;
  /** The release numbers with trailing zeros removed (1.0 = 1). */
  readonly release: readonly number[];
  readonly preRank: number;
  readonly preNumber: number;
  readonly post: number;
  readonly dev: number;
  readonly local: readonly (string | number)[] | undefined;
  /** The legacy sort key when the version is not PEP 440 (then the other fields are unused). */
  readonly legacy: readonly string[] | undefined;
}

const PRE_RANKS: Record<string, number> = { a: 0, b: 1, rc: 2 };

function parsePypi(raw: string): PypiVersion {
  const text = raw.trim();
  if (text === '') throw new InvalidVersionError('pypi', raw, 'a version is not empty');
  const parsed = parse(text);
  if (!parsed) {
    const none = Number.NaN;
    return {
      raw,
      epoch: -1,
      release: [],
      preRank: none,
      preNumber: none,
      post: none,
      dev: none,
      local: undefined,
      legacy: legacyKey(text),
    };
  }
  const release = [...parsed.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const { pre, post, dev } = parsed;
  let preRank = Number.POSITIVE_INFINITY;
  let preNumber = 0;
  if (pre) {
    preRank = PRE_RANKS[String(pre[0])] ?? Number.POSITIVE_INFINITY;
    preNumber = Number(pre[1]);
  } else if (!post && dev) {
    // 1.0.dev0 sorts before 1.0a0.
    preRank = Number.NEGATIVE_INFINITY;
  }
  const local: unknown = parsed.local;
  return {
    raw,
    epoch: parsed.epoch,
    release,
    preRank,
    preNumber,
    post: post ? Number(post[1]) : Number.NEGATIVE_INFINITY,
    dev: dev ? Number(dev[1]) : Number.POSITIVE_INFINITY,
    local: Array.isArray(local) ? (local as (string | number)[]) : undefined,
    legacy: undefined,
  };
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

/** Local labels: none < any; per segment, strings (lexically) < numbers (numerically); shorter first. */
function compareLocal(a: PypiVersion['local'], b: PypiVersion['local']): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'string' ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

const cache = new ParseCache(parsePypi);

export const pypiScheme: VersionScheme<PypiVersion> = {
  name: 'pypi',
  parse: (version) => cache.get(version),
  compare: (a, b) => {
    if (a.legacy || b.legacy) return a.legacy && b.legacy ? compareLegacyKeys(a.legacy, b.legacy) : a.legacy ? -1 : 1;
    return comparePep440(a, b);
  },
};

function comparePep440(a: PypiVersion, b: PypiVersion): number {
  return (
    compareNumbers(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareNumbers(a.preRank, b.preRank) ||
    compareNumbers(a.preNumber, b.preNumber) ||
    compareNumbers(a.post, b.post) ||
    compareNumbers(a.dev, b.dev) ||
    compareLocal(a.local, b.local)
  );
}
