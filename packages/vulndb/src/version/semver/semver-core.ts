// SemVer 2.0 precedence (semver.org §11) over numbers of any size: Go module versions and OSV's
// SEMVER ranges are not bounded to JavaScript's safe integers, so components too long for a number
// are kept as bigint (JavaScript compares number and bigint with < and > directly).

/** A numeric component: a number when safe, a bigint beyond that. */
export type SemverNumber = number | bigint;
/** A prerelease identifier: numeric ones compare as numbers, the rest in ASCII order. */
export type SemverIdentifier = SemverNumber | string;

export interface SemverParts {
  readonly major: SemverNumber;
  readonly minor: SemverNumber;
  readonly patch: SemverNumber;
  /** Empty for a release. */
  readonly prerelease: readonly SemverIdentifier[];
}

const DIGITS = /^[0-9]+$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

/** A digit string as a number, or a bigint when it does not fit one exactly. */
export function toSemverNumber(digits: string): SemverNumber {
  return digits.length <= 15 ? Number(digits) : BigInt(digits);
}

/**
 * Splits a prerelease into identifiers; returns a reason string when one is not SemVer
 * (empty, a character outside [0-9A-Za-z-], or, when `strictZeros`, a numeric one with a leading zero).
 */
export function parsePrerelease(text: string, strictZeros: boolean): SemverIdentifier[] | string {
  const out: SemverIdentifier[] = [];
  for (const part of text.split('.')) {
    if (!IDENTIFIER.test(part))
      return `prerelease identifier "${part}" is empty or has a character outside [0-9A-Za-z-]`;
    if (DIGITS.test(part)) {
      if (strictZeros && part.length > 1 && part[0] === '0') return `numeric identifier "${part}" has a leading zero`;
      out.push(toSemverNumber(part));
    } else {
      out.push(part);
    }
  }
  return out;
}

/** Checks build metadata (compared by nobody, but validated); returns a reason or undefined. */
export function checkBuild(text: string): string | undefined {
  for (const part of text.split('.')) {
    if (!IDENTIFIER.test(part)) return `build identifier "${part}" is empty or has a character outside [0-9A-Za-z-]`;
  }
  return undefined;
}

function compareNumber(a: SemverNumber, b: SemverNumber): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifier(a: SemverIdentifier, b: SemverIdentifier): number {
  const aText = typeof a === 'string';
  const bText = typeof b === 'string';
  if (aText !== bText) return aText ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer 2.0 precedence; build metadata plays no part. */
export function compareSemverParts(a: SemverParts, b: SemverParts): number {
  const byCore = compareNumber(a.major, b.major) || compareNumber(a.minor, b.minor) || compareNumber(a.patch, b.patch);
  if (byCore !== 0) return byCore;
  const ap = a.prerelease;
  const bp = b.prerelease;
  if (ap.length === 0 || bp.length === 0) return bp.length - ap.length;
  const n = Math.min(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifier(ap[i]!, bp[i]!);
    if (c !== 0) return c;
  }
  return ap.length - bp.length;
}

const NUMBER = '(0|[1-9][0-9]*)';
const STRICT = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-([^+]*))?(?:\\+(.*))?$`);

/** SemVer parts with the build metadata kept as text, for markers such as Go's `+incompatible`. */
export interface StrictSemver extends SemverParts {
  readonly build: string | undefined;
}

/**
 * Strict SemVer 2.0 (MAJOR.MINOR.PATCH, no leading zeros, prerelease and build identifiers checked),
 * with an optional leading `v` when `allowV`; undefined when the core does not match, a reason string
 * when an identifier is wrong.
 */
export function parseStrictSemver(text: string, allowV: boolean): StrictSemver | string | undefined {
  if (!allowV && text.startsWith('v')) return undefined;
  const match = STRICT.exec(text);
  if (!match) return undefined;
  const [, major, minor, patch, pre, build] = match;
  const prerelease = pre === undefined ? [] : parsePrerelease(pre, true);
  if (typeof prerelease === 'string') return prerelease;
  const buildProblem = build === undefined ? undefined : checkBuild(build);
  if (buildProblem) return buildProblem;
  return {
    major: toSemverNumber(major!),
    minor: toSemverNumber(minor!),
    patch: toSemverNumber(patch!),
    prerelease,
    build,
  };
}
