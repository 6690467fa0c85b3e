// npm versions as npm itself reads them: node-semver (pinned), strict mode, so a leading `v`
// is accepted as npm accepts it and anything node-semver rejects is not an npm version.
import { SemVer } from 'semver';
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface NpmVersion extends ParsedVersion {
  readonly semver: SemVer;
}

function parseNpm(raw: string): NpmVersion {
  let semver: SemVer;
  try {
    semver = new SemVer(raw.trim());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidVersionError('npm', raw, reason);
  }
  return { raw, semver };
}

const cache = new ParseCache(parseNpm);

export const npmScheme: VersionScheme<NpmVersion> = {
  name: 'npm',
  parse: (version) => cache.get(version),
  // compareMain/comparePre skip compare()'s instanceof and re-parse checks; build metadata is ignored.
  compare: (a, b) => a.semver.compareMain(b.semver) || a.semver.comparePre(b.semver),
};
