// npm ranges (node-semver's syntax: `||`, hyphen ranges, ^, ~, x-ranges, comparators) as vers
// constraints, the way the vers-spec's npm tests translate them: partial versions padded with zeros,
// caret and tilde expanded to [base, next), `*` as every version.
import type { VersComparator, VersConstraint } from '../vers-range.ts';
import { NativeRangeError } from './native-range-error.ts';

const PARTIAL = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const TOKEN = /^(<=|>=|<|>|=|~>|~|\^)?(.*)$/;

/** `undefined` means every version. */
export type NativeConstraints = VersConstraint[] | undefined;

interface Partial {
  readonly major: number;
  readonly minor: number | undefined;
  readonly patch: number | undefined;
  readonly pre: string | undefined;
  /** A part was x, X or * (or missing after one that was). */
  readonly wild: boolean;
}

function readPartial(native: string, text: string): Partial | undefined {
  const m = PARTIAL.exec(text);
  if (!m) throw new NativeRangeError('npm', native, `"${text}" is not a version`);
  const num = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const major = num(m[1]);
  if (major === undefined) return undefined;
  const wild = [m[2], m[3]].some((s) => s !== undefined && /^[xX*]$/.test(s));
  return { major, minor: num(m[2]), patch: num(m[3]), pre: m[4], wild };
}

function text(p: { major: number; minor?: number; patch?: number; pre?: string }): string {
  return `${p.major}.${p.minor ?? 0}.${p.patch ?? 0}${p.pre === undefined ? '' : `-${p.pre}`}`;
}

function c(comparator: VersComparator, version: string): VersConstraint {
  return { comparator, version };
}

function tokenConstraints(native: string, token: string): NativeConstraints {
  const [, op, rest] = TOKEN.exec(token) ?? [];
  const p = readPartial(native, rest ?? '');
  if (p === undefined) {
    if (op === undefined || op === '=' || op === '>=') return undefined;
    throw new NativeRangeError('npm', native, `"${token}" matches no version`);
  }
  const base = text(p);
  const { major, minor, patch } = p;
  switch (op) {
    case '^': {
      let upper: string;
      if (major > 0 || minor === undefined) upper = text({ major: major + 1 });
      else if (minor > 0 || patch === undefined) upper = text({ major: 0, minor: minor + 1 });
      else upper = text({ major: 0, minor: 0, patch: patch + 1 });
      return [c('>=', base), c('<', upper)];
    }
    case '~':
    case '~>': {
      const upper = minor === undefined ? text({ major: major + 1 }) : text({ major, minor: minor + 1 });
      return [c('>=', base), c('<', upper)];
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return [c(op, base)];
    default: {
      if (!p.wild) return [c('=', base)];
      const upper = minor === undefined ? text({ major: major + 1 }) : text({ major, minor: minor + 1 });
      return [c('>=', base), c('<', upper)];
    }
  }
}

function alternativeConstraints(native: string, alternative: string): NativeConstraints {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alternative);
  if (hyphen) {
    const from = readPartial(native, hyphen[1]);
    const to = readPartial(native, hyphen[2]);
    const out: VersConstraint[] = [];
    if (from !== undefined) out.push(c('>=', text(from)));
    if (to !== undefined) out.push(c('<=', text(to)));
    return out.length === 0 ? undefined : out;
  }
  const tokens = alternative
    .replace(/(<=|>=|<|>|=|~>|~|\^)\s+/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
  if (tokens.length === 0) return undefined;
  const out: VersConstraint[] = [];
  for (const token of tokens) {
    const constraints = tokenConstraints(native, token);
    if (constraints === undefined) return undefined;
    out.push(...constraints);
  }
  return out;
}

/** The constraints of an npm range in the order written; undefined when it admits every version. */
export function npmNativeConstraints(native: string): NativeConstraints {
  const out: VersConstraint[] = [];
  for (const alternative of native.split('||')) {
    const constraints = alternativeConstraints(native, alternative.trim());
    if (constraints === undefined) return undefined;
    out.push(...constraints);
  }
  return out;
}
