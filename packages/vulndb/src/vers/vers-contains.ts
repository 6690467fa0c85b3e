// Is a version inside a vers range? The vers-spec procedure ("Checking if a version is contained
// within a range"), run on constraints parsed once: equalities and exclusions first, then the
// alternating lower/upper bounds as intervals.
import type { ParsedVersion, VersionScheme } from '../version/version-scheme.ts';
import { sortVersConstraints } from './vers-normalize.ts';
import type { VersComparator, VersRange } from './vers-range.ts';

export interface CompiledVers<V extends ParsedVersion = ParsedVersion> {
  readonly range: VersRange;
  readonly scheme: VersionScheme<V>;
  /** True when the version is in the range; `version` is parsed with the range's scheme. */
  contains(version: string): boolean;
  containsParsed(version: V): boolean;
}

interface Bound<V> {
  readonly version: V;
  readonly comparator: VersComparator;
}

/** Parses a range's versions once for repeated containment checks (sorting them if needed). */
export function compileVers<V extends ParsedVersion>(range: VersRange, scheme: VersionScheme<V>): CompiledVers<V> {
  if (range.type !== scheme.name)
    throw new Error(`a ${range.type} range cannot be read with the ${scheme.name} scheme`);
  const sorted = sortVersConstraints(range, scheme).constraints;
  const inclusive: V[] = [];
  const excluded: V[] = [];
  const bounds: Bound<V>[] = [];
  for (const c of sorted) {
    const version = scheme.parse(c.version);
    if (c.comparator === '=' || c.comparator === '<=' || c.comparator === '>=') inclusive.push(version);
    if (c.comparator === '!=') excluded.push(version);
    else if (c.comparator !== '=') bounds.push({ version, comparator: c.comparator });
  }
  // Only exclusions (`vers:pypi/!=5`): every other version is in.
  const onlyExclusions = !range.any && inclusive.length === 0 && bounds.length === 0;
  const cmp = scheme.compare;

  function containsParsed(v: V): boolean {
    if (range.any) return true;
    for (const x of inclusive) if (cmp(v, x) === 0) return true;
    for (const x of excluded) if (cmp(v, x) === 0) return false;
    if (onlyExclusions) return true;
    const n = bounds.length;
    if (n === 0) return false;
    const first = bounds[0];
    if ((first.comparator === '<' || first.comparator === '<=') && cmp(v, first.version) < 0) return true;
    const last = bounds[n - 1];
    if ((last.comparator === '>' || last.comparator === '>=') && cmp(v, last.version) > 0) return true;
    for (let i = 0; i + 1 < n; i++) {
      const lo = bounds[i];
      const hi = bounds[i + 1];
      if ((lo.comparator === '>' || lo.comparator === '>=') && (hi.comparator === '<' || hi.comparator === '<=')) {
        if (cmp(v, lo.version) > 0 && cmp(v, hi.version) < 0) return true;
      }
    }
    return false;
  }

  return {
    range,
    scheme,
    containsParsed,
    contains: (version) => containsParsed(scheme.parse(version)),
  };
}
