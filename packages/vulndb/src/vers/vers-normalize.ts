// Canonical vers constraints (vers-spec "VERS validation rules" and "Simplifying constraints"): sorted
// by version under the type's scheme, each version once, and comparators in a valid sequence.
import { type SchemeRegistry, versionSchemes } from '../version/scheme-registry.ts';
import type { VersionScheme } from '../version/version-scheme.ts';
import { parseVers, type VersComparator, type VersConstraint, type VersRange, VersSyntaxError } from './vers-range.ts';

const isLower = (c: VersComparator) => c === '<' || c === '<=';
const isUpper = (c: VersComparator) => c === '>' || c === '>=';

/** Sorts constraints by version (stable: constraints of equal versions keep their order). */
export function sortVersConstraints(range: VersRange, scheme: VersionScheme): VersRange {
  if (range.any || range.constraints.length < 2) return range;
  const keyed = range.constraints.map((constraint, index) => ({
    constraint,
    index,
    parsed: scheme.parse(constraint.version),
  }));
  keyed.sort((a, b) => scheme.compare(a.parsed, b.parsed) || a.index - b.index);
  return { ...range, constraints: keyed.map((k) => k.constraint) };
}

/**
 * Why a range is not canonical, or undefined when it is (the spec's validation rules). Versions are
 * read with the scheme only to order two or more of them: a lone constraint is checked as syntax.
 */
export function versProblem(range: VersRange, scheme: VersionScheme): string | undefined {
  if (range.any || range.constraints.length < 2) return undefined;
  const parsed = range.constraints.map((c) => scheme.parse(c.version));
  for (let i = 1; i < parsed.length; i++) {
    const order = scheme.compare(parsed[i - 1], parsed[i]);
    if (order > 0) return 'constraints are not sorted by version';
    if (order === 0) return `the version "${range.constraints[i].version}" occurs more than once`;
  }
  const ranged = range.constraints.filter((c) => c.comparator !== '!=');
  for (let i = 1; i < ranged.length; i++) {
    const [prev, next] = [ranged[i - 1].comparator, ranged[i].comparator];
    if (prev === '=' && isLower(next)) return `"${ranged[i].version}": "${next}" may not follow an equality`;
  }
  const bounds = ranged.filter((c) => c.comparator !== '=');
  for (let i = 1; i < bounds.length; i++) {
    const [prev, next] = [bounds[i - 1].comparator, bounds[i].comparator];
    if (isLower(prev) === isLower(next)) {
      return `"${bounds[i - 1].comparator}${bounds[i - 1].version}" and "${next}${bounds[i].version}" do not alternate`;
    }
  }
  return undefined;
}

/**
 * Parses a vers that must already be canonical: sorted, each version once, a valid comparator sequence.
 * Its type must have a version scheme (UnknownVersionSchemeError otherwise).
 */
export function parseCanonicalVers(input: string, schemes: SchemeRegistry = versionSchemes): VersRange {
  const range = parseVers(input);
  const scheme = schemes.byVersType(range.type);
  const problem = versProblem(range, scheme);
  if (problem !== undefined) throw new VersSyntaxError(input, problem);
  return range;
}

// Two constraints on one version that say the same as one.
const MERGED: Readonly<Record<string, VersComparator>> = {
  '= >=': '>=',
  '= >': '>=',
  '= <=': '<=',
  '= <': '<=',
  '> >=': '>=',
  '< <=': '<=',
};

function merge(a: VersComparator, b: VersComparator): VersComparator | undefined {
  if (a === b) return a;
  return MERGED[`${a} ${b}`] ?? MERGED[`${b} ${a}`];
}

/**
 * Canonical form: sorted, constraints on one version merged where they say the same thing as one,
 * redundant bounds dropped (the spec's simplification: `>=1|>=2` is `>=1`, `<1|<2` is `<2`).
 */
export function normalizeVers(range: VersRange, scheme: VersionScheme): VersRange {
  if (range.any) return range;
  const sorted = sortVersConstraints(range, scheme).constraints;
  const merged: VersConstraint[] = [];
  for (const c of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && compareText(scheme, last.version, c.version) === 0) {
      const comparator = merge(last.comparator, c.comparator);
      if (comparator !== undefined) {
        merged[merged.length - 1] = { comparator, version: last.version };
        continue;
      }
    }
    merged.push(c);
  }
  const unequal = merged.filter((c) => c.comparator === '!=');
  const stack: VersConstraint[] = [];
  for (const c of merged) {
    if (c.comparator === '!=') continue;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top !== undefined && isUpper(top.comparator) && !isLower(c.comparator)) break;
      if (top !== undefined && isLower(c.comparator) && !isUpper(top.comparator)) {
        stack.pop();
        continue;
      }
      stack.push(c);
      break;
    }
  }
  const simplified = sortVersConstraints({ ...range, constraints: [...stack, ...unequal] }, scheme);
  return simplified;
}

function compareText(scheme: VersionScheme, a: string, b: string): number {
  return scheme.compare(scheme.parse(a), scheme.parse(b));
}
