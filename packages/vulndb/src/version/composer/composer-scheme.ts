// Packagist versions as Composer compares them: PHP's version_compare after Composer drops a leading
// `v`. The version is canonicalized (-, _ and + become dots, a dot goes between digits and letters),
// then compared part by part: numbers numerically, words by their special form (dev < alpha = a <
// beta = b < RC = rc < # < pl = p, matched by prefix and case-sensitively as PHP does, so BETA is an
// unknown word; unknown words sort below dev) and a number counts as '#'. A '#' inside a version is
// that special form (as OSV's Packagist comparison reads it), not PHP's separator. Two different dev-
// branches have no order in Composer; they sort by name here so that only the same branch is equal.
import { ParseCache } from '../parse-cache.ts';
import { type SemverNumber, toSemverNumber } from '../semver/semver-core.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

/** A word's special-form weight; numbers stay numbers. */
interface Word {
  readonly weight: number;
}
type Part = SemverNumber | Word;

export interface ComposerVersion extends ParsedVersion {
  readonly parts: readonly Part[];
  /** The branch name of a dev-<branch> version. */
  readonly branch: string | undefined;
}

// PHP's special forms, in the order PHP tries them as prefixes (alpha before a, pl before p).
const SPECIAL_FORMS: readonly [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_WEIGHT = 4;
const HASH: Word = { weight: NUMBER_WEIGHT };

function word(text: string): Word {
  const form = SPECIAL_FORMS.find(([prefix]) => text.startsWith(prefix));
  return { weight: form ? form[1] : -1 };
}

/** Splits a canonicalized version: runs of digits, runs of other characters; everything else separates. */
function composerParts(text: string): Part[] {
  const parts: Part[] = [];
  for (const match of text.matchAll(/[0-9]+|[A-Za-z#]+/g)) {
    const run = match[0];
    parts.push(run.charCodeAt(0) <= 57 && run.charCodeAt(0) >= 48 ? toSemverNumber(run) : word(run));
  }
  return parts;
}

function parseComposer(raw: string): ComposerVersion {
  const text = raw.trim().replace(/^[vV](?=[0-9])/, '');
  if (text === '') throw new InvalidVersionError('composer', raw, 'a version is not empty');
  if (/[^0-9A-Za-z#._+-]/.test(text)) {
    throw new InvalidVersionError('composer', raw, 'only letters, digits, #, and . _ + - separators are allowed');
  }
  const branch = /^dev-/i.test(text) ? text.slice(4) : undefined;
  return { raw, parts: composerParts(text), branch };
}

function weight(part: Part): number {
  return typeof part === 'object' ? part.weight : NUMBER_WEIGHT;
}

function compareParts(a: readonly Part[], aStart: number, b: readonly Part[], bStart: number): number {
  const n = Math.min(a.length - aStart, b.length - bStart);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i]!;
    const y = b[bStart + i]!;
    const c = typeof x !== 'object' && typeof y !== 'object' ? (x < y ? -1 : x > y ? 1 : 0) : weight(x) - weight(y);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  const aNext = a[aStart + n];
  const bNext = b[bStart + n];
  // A longer side wins outright if it goes on with a number; a word is weighed against '#'.
  if (aNext !== undefined) return typeof aNext !== 'object' ? 1 : compareParts(a, aStart + n, [HASH], 0);
  if (bNext !== undefined) return typeof bNext !== 'object' ? -1 : compareParts([HASH], 0, b, bStart + n);
  return 0;
}

const cache = new ParseCache(parseComposer);

export const composerScheme: VersionScheme<ComposerVersion> = {
  name: 'composer',
  parse: (version) => cache.get(version),
  compare: (a, b) => {
    if (a.branch !== undefined && b.branch !== undefined && a.branch !== b.branch) {
      return a.branch < b.branch ? -1 : 1;
    }
    return compareParts(a.parts, 0, b.parts, 0);
  },
};
