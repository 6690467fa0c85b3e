// Maven versions (vers `maven`) split into ComparableVersion's items: lower-cased, '.' and '-'
// separate items, '-' and each digit/letter transition open a sub-list, an empty item is 0, and
// trailing nulls are trimmed from every list. Any string is a Maven version except the empty one.
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';
import { compareLists, type MavenItem, numberItem, qualifierItem, trimTrailingNulls } from './maven-items.ts';

export interface MavenVersion extends ParsedVersion {
  readonly items: readonly MavenItem[];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits a version into its item lists. */
export function mavenItems(version: string): MavenItem[] {
  const text = version.toLowerCase();
  const root: MavenItem[] = [];
  const lists: MavenItem[][] = [root];
  let list = root;
  let digits = false;
  let start = 0;
  const openList = (): void => {
    const sub: MavenItem[] = [];
    list.push(sub);
    lists.push(sub);
    list = sub;
  };
  const token = (end: number, followedByDigit: boolean): MavenItem =>
    digits ? numberItem(text.slice(start, end)) : qualifierItem(text.slice(start, end), followedByDigit);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 || code === 45) {
      // '.' or '-'
      list.push(i === start ? 0 : token(i, false));
      start = i + 1;
      if (code === 45) openList();
    } else if (isDigit(code) !== digits) {
      if (i > start) {
        list.push(token(i, !digits));
        start = i;
        openList();
      }
      digits = !digits;
    }
  }
  if (text.length > start) list.push(token(text.length, false));
  for (let i = lists.length - 1; i >= 0; i--) trimTrailingNulls(lists[i]!, i > 0);
  return root;
}

function parseMaven(raw: string): MavenVersion {
  if (raw.trim() === '') throw new InvalidVersionError('maven', raw, 'a version is not empty');
  return { raw, items: mavenItems(raw.trim()) };
}

const cache = new ParseCache(parseMaven);

export const mavenScheme: VersionScheme<MavenVersion> = {
  name: 'maven',
  parse: (version) => cache.get(version),
  compare: (a, b) => compareLists(a.items, b.items),
};
