// Maven's version order (the POM reference's "Version Order Specification", as ComparableVersion
// implements it): a version is a list of items — numbers, qualifiers and sub-lists that a hyphen or a
// digit/letter transition opens — compared item by item, the shorter side padded with "null" items.

/** A qualifier with its rank among the well-known ones (unknown qualifiers rank after all of them). */
export interface QualifierItem {
  readonly qualifier: string;
  readonly rank: number;
}

/** A number (bigint beyond 2^53), a qualifier, or a sub-list. */
export type MavenItem = number | bigint | QualifierItem | MavenItem[];

const QUALIFIER_ORDER = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = QUALIFIER_ORDER.indexOf('');
const UNKNOWN_RANK = QUALIFIER_ORDER.length;
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
// a1, b1, m1: a one-letter qualifier directly followed by a digit abbreviates alpha, beta, milestone.
const SHORT_FORMS: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

export function qualifierItem(text: string, followedByDigit: boolean): QualifierItem {
  const expanded = followedByDigit && text.length === 1 ? (SHORT_FORMS[text] ?? text) : text;
  const qualifier = ALIASES[expanded] ?? expanded;
  const known = QUALIFIER_ORDER.indexOf(qualifier);
  return { qualifier, rank: known === -1 ? UNKNOWN_RANK : known };
}

export function numberItem(digits: string): number | bigint {
  return digits.length <= 15 ? Number(digits) : BigInt(digits);
}

/** Whether an item counts as nothing at the end of a list: 0, the release qualifier, an empty list. */
export function isNullItem(item: MavenItem): boolean {
  if (typeof item === 'number') return item === 0;
  if (typeof item === 'bigint') return item === 0n;
  if (Array.isArray(item)) return item.length === 0;
  return item.rank === RELEASE_RANK;
}

/**
 * Drops trailing null items; a sub-list at the end does not stop the trimming, other items do. A
 * sub-list left holding only a sub-list merges with it: the specification trims nulls between
 * hyphens, so 1-ga-1 (and 1--1) read as 1-1.
 */
export function trimTrailingNulls(list: MavenItem[], isSubList: boolean): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i]!;
    if (isNullItem(item)) list.splice(i, 1);
    else if (!Array.isArray(item)) break;
  }
  const only = list[0];
  if (isSubList && list.length === 1 && Array.isArray(only)) list.splice(0, 1, ...only);
}

function compareQualifiers(a: QualifierItem, b: QualifierItem): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank !== UNKNOWN_RANK) return 0;
  return a.qualifier < b.qualifier ? -1 : a.qualifier > b.qualifier ? 1 : 0;
}

/** An item against the padding null: 1.0 = 1, 1.1 > 1, 1-rc < 1, 1-sp > 1. */
function compareToNull(item: MavenItem): number {
  if (typeof item === 'number' || typeof item === 'bigint') return item === 0 || item === 0n ? 0 : 1;
  if (Array.isArray(item)) return item.length === 0 ? 0 : compareToNull(item[0]!);
  return item.rank < RELEASE_RANK ? -1 : item.rank === RELEASE_RANK ? 0 : 1;
}

/** Item order: a number > a sub-list > a qualifier, whichever side it is on. */
export function compareItems(a: MavenItem, b: MavenItem): number {
  const aNumber = typeof a === 'number' || typeof a === 'bigint';
  const bNumber = typeof b === 'number' || typeof b === 'bigint';
  if (aNumber || bNumber) {
    if (aNumber && bNumber) return a < b ? -1 : a > b ? 1 : 0;
    return aNumber ? 1 : -1;
  }
  const aList = Array.isArray(a);
  const bList = Array.isArray(b);
  if (aList && bList) return compareLists(a, b);
  if (aList) return 1;
  if (bList) return -1;
  return compareQualifiers(a, b);
}

export function compareLists(a: readonly MavenItem[], b: readonly MavenItem[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const l = a[i];
    const r = b[i];
    const c = l === undefined ? -compareToNull(r!) : r === undefined ? compareToNull(l) : compareItems(l, r);
    if (c !== 0) return c;
  }
  return 0;
}
