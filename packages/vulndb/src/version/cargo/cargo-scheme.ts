// crates.io versions as Cargo's `semver` crate reads them: strict SemVer 2.0 (no `v`, no leading
// zeros, no short forms), numbers up to u64 and beyond kept exact, build metadata ignored in order.
import { ParseCache } from '../parse-cache.ts';
import { compareSemverParts, parseStrictSemver, type StrictSemver } from '../semver/semver-core.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface CargoVersion extends ParsedVersion, StrictSemver {}

function parseCargo(raw: string): CargoVersion {
  const parsed = parseStrictSemver(raw, false);
  if (typeof parsed === 'string') throw new InvalidVersionError('cargo', raw, parsed);
  if (!parsed) throw new InvalidVersionError('cargo', raw, 'expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]');
  return { raw, ...parsed };
}

const cache = new ParseCache(parseCargo);

export const cargoScheme: VersionScheme<CargoVersion> = {
  name: 'cargo',
  parse: (version) => cache.get(version),
  compare: compareSemverParts,
};
