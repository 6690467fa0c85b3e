// NuGet versions as NuGet.Versioning orders them: one to four numeric parts (missing ones are 0,
// leading zeros allowed: 1.0.01 = 1.0.1.0), a SemVer 2 prerelease whose labels compare
// case-insensitively (numeric labels numerically and before alphanumeric ones), metadata ignored.
import { ParseCache } from '../parse-cache.ts';
import { type SemverNumber, toSemverNumber } from '../semver/semver-core.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface NugetVersion extends ParsedVersion {
  /** Major, minor, patch, revision. */
  readonly parts: readonly [SemverNumber, SemverNumber, SemverNumber, SemverNumber];
  /** Prerelease labels, numeric ones as numbers, the others lower-cased. */
  readonly release: readonly (SemverNumber | string)[];
  /** NuGet's normalized form (no leading zeros, revision only when not 0, metadata dropped). */
  readonly normalized: string;
}

const LABELS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const SHAPE = new RegExp(
  `^([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:-(${LABELS}))?(?:\\+(${LABELS}))?$`,
);
const NUMERIC = /^[0-9]+$/;

function parseNuget(raw: string): NugetVersion {
  const match = SHAPE.exec(raw.trim());
  if (!match) {
    throw new InvalidVersionError('nuget', raw, 'expected MAJOR[.MINOR[.PATCH[.REVISION]]][-PRERELEASE][+METADATA]');
  }
  const [, major, minor = '0', patch = '0', revision = '0', pre] = match;
  const parts = [
    toSemverNumber(major!),
    toSemverNumber(minor),
    toSemverNumber(patch),
    toSemverNumber(revision),
  ] as const;
  const labels = pre === undefined ? [] : pre.split('.');
  const release = labels.map((label) => (NUMERIC.test(label) ? toSemverNumber(label) : label.toLowerCase()));
  const core = parts[3] === 0 ? parts.slice(0, 3) : parts;
  const normalized = core.join('.') + (pre === undefined ? '' : `-${pre}`);
  return { raw, parts, release, normalized };
}

function compareLabels(a: readonly (SemverNumber | string)[], b: readonly (SemverNumber | string)[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xText = typeof x === 'string';
    if (xText !== (typeof y === 'string')) return xText ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** NuGet's normalized string of a version, e.g. 1.0.01.0-Beta+git → 1.0.1-Beta. */
export function normalizeNugetVersion(version: string): string {
  return nugetScheme.parse(version).normalized;
}

const cache = new ParseCache(parseNuget);

export const nugetScheme: VersionScheme<NugetVersion> = {
  name: 'nuget',
  parse: (version) => cache.get(version),
  compare: (a, b) => {
    for (let i = 0; i < 4; i++) {
      const x = a.parts[i]!;
      const y = b.parts[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return compareLabels(a.release, b.release);
  },
};
