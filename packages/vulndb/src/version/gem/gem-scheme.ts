// RubyGems versions as Gem::Version orders them: '-' reads as ".pre.", the version splits into
// number and letter runs, trailing zeros are dropped from the numeric part and from the part after the
// first letters (canonical segments), then segments compare pairwise with missing ones as 0 and
// letters (prerelease) before numbers; letters compare case-sensitively, as Ruby strings do.
import { ParseCache } from '../parse-cache.ts';
import { type SemverNumber, toSemverNumber } from '../semver/semver-core.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface GemVersion extends ParsedVersion {
  readonly segments: readonly (SemverNumber | string)[];
  /** Gem::Version#prerelease?: the version has a letter. */
  readonly prerelease: boolean;
}

// Gem::Version's ANCHORED_VERSION_PATTERN
const SHAPE = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;

function dropTrailingZeros(segments: (SemverNumber | string)[]): (SemverNumber | string)[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0) end--;
  return segments.slice(0, end);
}

function parseGem(raw: string): GemVersion {
  const match = SHAPE.exec(raw);
  if (!match) throw new InvalidVersionError('gem', raw, 'expected numbers and letters separated by dots');
  // An empty version is Gem::Version "0".
  const text = (match[1] ?? '0').replaceAll('-', '.pre.');
  const all = (text.match(SEGMENT) ?? []).map((s) => (s.charCodeAt(0) <= 57 ? toSemverNumber(s) : s));
  const firstLetters = all.findIndex((s) => typeof s === 'string');
  const split = firstLetters === -1 ? all.length : firstLetters;
  const segments = [...dropTrailingZeros(all.slice(0, split)), ...dropTrailingZeros(all.slice(split))];
  return { raw, segments, prerelease: firstLetters !== -1 };
}

const cache = new ParseCache(parseGem);

export const gemScheme: VersionScheme<GemVersion> = {
  name: 'gem',
  parse: (version) => cache.get(version),
  compare: (a, b) => {
    const n = Math.max(a.segments.length, b.segments.length);
    for (let i = 0; i < n; i++) {
      const x = a.segments[i] ?? 0;
      const y = b.segments[i] ?? 0;
      if (x === y) continue;
      const xText = typeof x === 'string';
      if (xText !== (typeof y === 'string')) return xText ? -1 : 1;
      return x < y ? -1 : 1;
    }
    return 0;
  },
};
