// The generic SemVer 2.0 scheme of OSV's SEMVER range type (vers `semver`), read as OSV's own tooling
// (osv-scalibr) reads it: an optional `v`, missing minor/patch count as 0 (OSV's `introduced: "0"`),
// numbers of any size, and a dotted tail after the patch (1.2.3.4) treated like build metadata.
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';
import { checkBuild, compareSemverParts, parsePrerelease, type SemverParts, toSemverNumber } from './semver-core.ts';

export interface SemverVersion extends ParsedVersion, SemverParts {}

const CORE = /^v?([0-9]+)(?:\.([0-9]+)(?:\.([0-9]+)((?:\.[0-9A-Za-z-]+)*))?)?(?:-([^+]*))?(?:\+(.*))?$/;

function parseSemver(raw: string): SemverVersion {
  const match = CORE.exec(raw.trim());
  if (!match) throw new InvalidVersionError('semver', raw, 'expected MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]');
  const [, major, minor, patch, , pre, build] = match;
  const prerelease = pre === undefined ? [] : parsePrerelease(pre, false);
  if (typeof prerelease === 'string') throw new InvalidVersionError('semver', raw, prerelease);
  const buildProblem = build === undefined ? undefined : checkBuild(build);
  if (buildProblem) throw new InvalidVersionError('semver', raw, buildProblem);
  return {
    raw,
    major: toSemverNumber(major!),
    minor: minor === undefined ? 0 : toSemverNumber(minor),
    patch: patch === undefined ? 0 : toSemverNumber(patch),
    prerelease,
  };
}

const cache = new ParseCache(parseSemver);

export const semverScheme: VersionScheme<SemverVersion> = {
  name: 'semver',
  parse: (version) => cache.get(version),
  compare: compareSemverParts,
};
