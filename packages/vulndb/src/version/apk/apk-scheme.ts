// Alpine apk versions, as apk-tools (src/version.c) reads and orders them:
//   digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-r digits}
// Tokens compare pairwise while both sides have the same kind of token; a digit run after a dot
// that starts with 0 compares as a string, other numbers numerically; pre-release suffixes
// (_alpha, _beta, _pre, _rc) sort before the end, post-release ones (_cvs, _svn, _git, _hg, _p) after.
import { ParseCache } from '../parse-cache.ts';
import { InvalidVersionError, type ParsedVersion, type VersionScheme } from '../version-scheme.ts';

/** Token kinds in apk-tools' order: where two versions diverge, the later kind sorts first. */
const Token = {
  InitialDigit: 0,
  Digit: 1,
  Letter: 2,
  Suffix: 3,
  SuffixNumber: 4,
  CommitHash: 5,
  Revision: 6,
  End: 7,
} as const;
type Token = (typeof Token)[keyof typeof Token];

// Suffix ranks; NONE (5) is the rank of "no suffix", the pre-release ones below it.
const SUFFIX_RANK: Record<string, number> = { alpha: 1, beta: 2, pre: 3, rc: 4, cvs: 6, svn: 7, git: 8, hg: 9, p: 10 };
const SUFFIX_NONE = 5;

export interface ApkVersion extends ParsedVersion {
  readonly kinds: readonly Token[];
  /** The token's text (digits without the dot, the letter, the suffix name, the hash). */
  readonly texts: readonly string[];
}

const SCHEME = 'apk';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function run(s: string, from: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < s.length && test(s.charCodeAt(i))) i++;
  return i;
}

export function parseApkVersion(raw: string): ApkVersion {
  const kinds: Token[] = [];
  const texts: string[] = [];
  const fail = (why: string, at: number): never => {
    throw new InvalidVersionError(SCHEME, raw, `${why} at offset ${at}`);
  };
  let i = run(raw, 0, isDigit);
  if (i === 0) fail('it must start with a digit', 0);
  kinds.push(Token.InitialDigit);
  texts.push(raw.slice(0, i));
  let last: Token = Token.InitialDigit;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    const start = i;
    let kind: Token;
    if (isLower(c)) {
      if (last > Token.Digit) fail('a letter may only follow a number', i);
      kind = Token.Letter;
      i++;
    } else if (c === 46 || isDigit(c)) {
      if (c === 46) {
        if (last > Token.Digit) fail('a dot may only follow a number', i);
        i++;
      }
      if (last === Token.InitialDigit || last === Token.Digit) kind = Token.Digit;
      else if (last === Token.Suffix) kind = Token.SuffixNumber;
      else return fail('a number is not allowed here', start);
      const end = run(raw, i, isDigit);
      if (end === i) fail('a dot must be followed by digits', i);
      texts.push(raw.slice(i, end));
      kinds.push(kind);
      last = kind;
      i = end;
      continue;
    } else if (c === 95) {
      if (last > Token.SuffixNumber) fail('a suffix is not allowed here', i);
      const end = run(raw, i + 1, isLower);
      const name = raw.slice(i + 1, end);
      if (SUFFIX_RANK[name] === undefined) fail(`unknown suffix "_${name}"`, i);
      kind = Token.Suffix;
      texts.push(name);
      kinds.push(kind);
      last = kind;
      i = end;
      continue;
    } else if (c === 126) {
      if (last >= Token.CommitHash) fail('a commit hash is not allowed here', i);
      const end = run(raw, i + 1, isHex);
      if (end === i + 1) fail('"~" must be followed by a hexadecimal commit hash', i);
      kind = Token.CommitHash;
      texts.push(raw.slice(i + 1, end));
      kinds.push(kind);
      last = kind;
      i = end;
      continue;
    } else if (c === 45) {
      if (last >= Token.Revision || raw.charCodeAt(i + 1) !== 114) fail('"-" must start the "-rN" revision', i);
      const end = run(raw, i + 2, isDigit);
      if (end === i + 2) fail('"-r" must be followed by digits', i);
      kind = Token.Revision;
      texts.push(raw.slice(i + 2, end));
      kinds.push(kind);
      last = kind;
      i = end;
      continue;
    } else {
      return fail(`unexpected character "${raw[i]}"`, i);
    }
    texts.push(raw.slice(start, i));
    kinds.push(kind);
    last = kind;
  }
  return { raw, kinds, texts };
}

/** Compares digit strings as unbounded integers (apk reads them as 64-bit numbers). */
function compareNumbers(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  if (a.length - i !== b.length - j) return a.length - i < b.length - j ? -1 : 1;
  const sa = i === 0 ? a : a.slice(i);
  const sb = j === 0 ? b : b.slice(j);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareToken(kind: Token, a: string, b: string): number {
  switch (kind) {
    case Token.Digit:
      // A leading zero after a dot makes the run a fraction-like string (as Gentoo's rules say).
      if (a.charCodeAt(0) === 48 || b.charCodeAt(0) === 48) return compareStrings(a, b);
      return compareNumbers(a, b);
    case Token.InitialDigit:
    case Token.SuffixNumber:
    case Token.Revision:
      return compareNumbers(a, b);
    case Token.Suffix:
      return Math.sign(SUFFIX_RANK[a] - SUFFIX_RANK[b]);
    default:
      return compareStrings(a, b);
  }
}

export function compareApkVersions(a: ApkVersion, b: ApkVersion): number {
  const n = Math.min(a.kinds.length, b.kinds.length);
  let k = 0;
  for (; k < n && a.kinds[k] === b.kinds[k]; k++) {
    const r = compareToken(a.kinds[k], a.texts[k], b.texts[k]);
    if (r !== 0) return r;
  }
  const ka = k < a.kinds.length ? a.kinds[k] : Token.End;
  const kb = k < b.kinds.length ? b.kinds[k] : Token.End;
  if (ka === kb) return 0;
  // Where they diverge, a pre-release suffix sorts first; otherwise the later token kind does.
  if (ka === Token.Suffix && SUFFIX_RANK[a.texts[k]] < SUFFIX_NONE) return -1;
  if (kb === Token.Suffix && SUFFIX_RANK[b.texts[k]] < SUFFIX_NONE) return 1;
  return ka > kb ? -1 : 1;
}

// Scans and advisories repeat the same version strings: parse each once.
const cache = new ParseCache(parseApkVersion);

export const apkScheme: VersionScheme<ApkVersion> = {
  name: SCHEME,
  parse: (version) => cache.get(version),
  compare: compareApkVersions,
};
