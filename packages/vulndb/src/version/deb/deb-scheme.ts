// Debian package versions ([epoch:]upstream[-revision]) ordered as dpkg orders them (deb-version(7),
// dpkg's verrevcmp): epochs numerically, then upstream and revision alternately as non-digit runs
// (`~` before everything, even the end; letters before other characters) and digit runs (numerically).
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

export interface DebianVersion extends ParsedVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

const SCHEME = 'deb';
const MAX_EPOCH = 2_147_483_647;
// dpkg accepts alphanumerics and . + ~ - in the upstream part (and : only as the epoch separator).
const UPSTREAM = /^[A-Za-z0-9.+~-]+$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

export function parseDebianVersion(raw: string): DebianVersion {
  if (raw.length === 0) throw new InvalidVersionError(SCHEME, raw, 'it is empty');
  let rest = raw;
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const epochText = rest.slice(0, colon);
    if (!/^[0-9]+$/.test(epochText)) throw new InvalidVersionError(SCHEME, raw, 'the epoch is not a number');
    epoch = Number(epochText);
    if (epoch > MAX_EPOCH) throw new InvalidVersionError(SCHEME, raw, 'the epoch is too large');
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream.length === 0) throw new InvalidVersionError(SCHEME, raw, 'the upstream version is empty');
  if (!UPSTREAM.test(upstream)) {
    throw new InvalidVersionError(SCHEME, raw, 'the upstream version has a character other than A-Z a-z 0-9 . + ~ -');
  }
  if (dash >= 0 && revision.length === 0) throw new InvalidVersionError(SCHEME, raw, 'the revision is empty');
  if (revision.length > 0 && !REVISION.test(revision)) {
    throw new InvalidVersionError(SCHEME, raw, 'the revision has a character other than A-Z a-z 0-9 . + ~');
  }
  return { raw, epoch, upstream, revision };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// dpkg's order(): `~` sorts before the end of the string, letters before every other character.
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c === 126) return -1;
  if (isDigit(c)) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  return c + 256;
}

/** dpkg's verrevcmp over one part (upstream or revision). */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const diff = order(a, i) - order(b, j);
      if (diff !== 0) return diff;
      i++;
      j++;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    let firstDiff = 0;
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

export function compareDebianVersions(a: DebianVersion, b: DebianVersion): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return compareDebianPart(a.upstream, b.upstream) || compareDebianPart(a.revision, b.revision);
}

// Scans and advisories repeat the same version strings: parse each once.
const cache = new ParseCache(parseDebianVersion);

export const debianScheme: VersionScheme<DebianVersion> = {
  name: SCHEME,
  parse: (version) => cache.get(version),
  compare: compareDebianVersions,
};
