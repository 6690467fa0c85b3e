// PyPI's pre-PEP 440 ("legacy") versions, as setuptools and packaging < 22 ordered them. PyPI still
// serves releases such as 0.9-doduo or 0.7.4.svn.r2010 and OSV data names them; they sort before every
// PEP 440 version and among themselves by this key.

const COMPONENT = /(\d+|[a-z]+|\.|-)/g;
const REPLACEMENTS: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

function* legacyParts(text: string): Generator<string> {
  let last = 0;
  const pieces: string[] = [];
  for (const match of text.matchAll(COMPONENT)) {
    pieces.push(text.slice(last, match.index), match[0]);
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  for (const piece of pieces) {
    const part = REPLACEMENTS[piece] ?? piece;
    if (part === '' || part === '.') continue;
    yield part.charCodeAt(0) >= 48 && part.charCodeAt(0) <= 57 ? part.padStart(8, '0') : `*${part}`;
  }
  // alpha, beta and candidate sort before final
  yield '*final';
}

/** The legacy sort key: numbers zero-padded, words starred, trailing zeros of each number run dropped. */
export function legacyKey(version: string): string[] {
  const parts: string[] = [];
  for (const part of legacyParts(version.toLowerCase())) {
    if (part.startsWith('*')) {
      // a "-" before a prerelease word is dropped
      if (part < '*final') while (parts[parts.length - 1] === '*final-') parts.pop();
      while (parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

export function compareLegacyKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}
