// Go module versions as golang.org/x/mod/semver orders them: `v` + SemVer 2.0 without leading zeros,
// the shorthands v1 and v1.2 (= v1.0.0, v1.2.0), build metadata ignored (so `+incompatible` sorts with
// its release). OSV's Go records drop the `v`, so it is optional here. Pseudo-versions
// (v0.0.0-20190101000000-abcdef123456, v1.2.4-0.2019…, v1.2.3-pre.0.2019…) need no rule of their own:
// their prerelease fields already place them between the releases they were cut from.
import { ParseCache } from '../parse-cache.ts';
import { compareSemverParts, parseStrictSemver, type StrictSemver, toSemverNumber } from '../semver/semver-core.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface GoVersion extends ParsedVersion, StrictSemver {
  /** `+incompatible`: a v2+ release of a module without a go.mod major-version suffix. */
  readonly incompatible: boolean;
}

const SHORT = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/;
const PSEUDO =
  /^v?[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function parseGo(raw: string): GoVersion {
  const full = parseStrictSemver(raw, true);
  if (typeof full === 'string') throw new InvalidVersionError('golang', raw, full);
  if (full) return { raw, ...full, incompatible: full.build === 'incompatible' };
  const short = SHORT.exec(raw);
  if (!short) {
    throw new InvalidVersionError(
      'golang',
      raw,
      'expected v<major>.<minor>.<patch>[-prerelease][+build] without leading zeros',
    );
  }
  const [, major, minor] = short;
  return {
    raw,
    major: toSemverNumber(major!),
    minor: minor === undefined ? 0 : toSemverNumber(minor),
    patch: 0,
    prerelease: [],
    build: undefined,
    incompatible: false,
  };
}

/** Whether a version is a Go pseudo-version (a commit, not a tag), after cmd/go's module.IsPseudoVersion. */
export function isGoPseudoVersion(version: string): boolean {
  return PSEUDO.test(version);
}

const cache = new ParseCache(parseGo);

export const goScheme: VersionScheme<GoVersion> = {
  name: 'golang',
  parse: (version) => cache.get(version),
  compare: compareSemverParts,
};
