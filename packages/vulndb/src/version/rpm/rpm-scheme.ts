// RPM versions ([epoch:]version[-release]) ordered as rpm orders them: rpmvercmp over each part, which
// skips separators, compares digit runs numerically and letter runs byte-wise (a digit run beats a letter
// run), sorts `~` before everything and `^` after the base version but before any further segment.
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface RpmVersion extends ParsedVersion {
  readonly epoch: string;
  readonly version: string;
  /** null when the string has no `-`: rpm then leaves the release unspecified. */
  readonly release: string | null;
}

const SCHEME = 'rpm';

export function parseRpmVersion(raw: string): RpmVersion {
  if (raw.length === 0) throw new InvalidVersionError(SCHEME, raw, 'it is empty');
  if (/[\s\x00-\x1f\x7f]/.test(raw))
    throw new InvalidVersionError(SCHEME, raw, 'it contains whitespace or a control character');
  // As rpm's parseEVR: an epoch is a run of leading digits ended by `:`; the release follows the last `-`.
  let digits = 0;
  while (digits < raw.length && isDigit(raw.charCodeAt(digits))) digits++;
  let epoch = '0';
  let rest = raw;
  if (raw.charCodeAt(digits) === 58) {
    if (digits > 0) epoch = raw.slice(0, digits);
    rest = raw.slice(digits + 1);
  }
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : null;
  if (version.length === 0) throw new InvalidVersionError(SCHEME, raw, 'the version part is empty');
  return { raw, epoch, version, release };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSegmentStart(c: number): boolean {
  return isDigit(c) || isAlpha(c) || c === 126 || c === 94;
}

/** rpmvercmp: one part (epoch, version or release) against another. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isSegmentStart(a.charCodeAt(i))) i++;
    while (j < b.length && !isSegmentStart(b.charCodeAt(j))) j++;
    const ca = i < a.length ? a.charCodeAt(i) : -1;
    const cb = j < b.length ? b.charCodeAt(j) : -1;
    if (ca === 126 || cb === 126) {
      if (ca !== 126) return 1;
      if (cb !== 126) return -1;
      i++;
      j++;
      continue;
    }
    // `^` sorts after the end of the other string but before any other segment.
    if (ca === 94 || cb === 94) {
      if (ca === -1) return -1;
      if (cb === -1) return 1;
      if (ca !== 94) return 1;
      if (cb !== 94) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === -1 || cb === -1) break;
    const numeric = isDigit(ca);
    const test = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && test(a.charCodeAt(ei))) ei++;
    while (ej < b.length && test(b.charCodeAt(ej))) ej++;
    // A numeric segment is newer than an alphabetic one.
    if (ej === j) return numeric ? 1 : -1;
    if (numeric) {
      while (i < ei && a.charCodeAt(i) === 48) i++;
      while (j < ej && b.charCodeAt(j) === 48) j++;
      if (ei - i !== ej - j) return ei - i > ej - j ? 1 : -1;
    }
    // strcmp of the two segments, without building substrings.
    while (i < ei && j < ej) {
      const d = a.charCodeAt(i) - b.charCodeAt(j);
      if (d !== 0) return d < 0 ? -1 : 1;
      i++;
      j++;
    }
    if (i < ei) return 1;
    if (j < ej) return -1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * Epoch, then version, then release. rpm itself ignores the release when either side has none (a
 * dependency on `1.0` matches every `1.0-N`); that relation is not an order, so here a version without
 * a release sorts before the same version with one.
 */
export function compareRpmVersions(a: RpmVersion, b: RpmVersion): number {
  const byEpoch = rpmvercmp(a.epoch, b.epoch);
  if (byEpoch !== 0) return byEpoch;
  const byVersion = rpmvercmp(a.version, b.version);
  if (byVersion !== 0) return byVersion;
  if (a.release === null || b.release === null) {
    if (a.release === b.release) return 0;
    return a.release === null ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}

// Scans and advisories repeat the same version strings: parse each once.
const cache = new ParseCache(parseRpmVersion);

export const rpmScheme: VersionScheme<RpmVersion> = {
  name: SCHEME,
  parse: (version) => cache.get(version),
  compare: compareRpmVersions,
};
