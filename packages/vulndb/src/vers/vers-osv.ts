// vers ⇄ OSV: an OSV affected entry's SEMVER/ECOSYSTEM ranges and listed versions as one vers (each
// range's intervals kept), and a vers as OSV ranges and versions.
import {
  comparePoints,
  type EventPoint,
  type OsvRangeEvent,
  type OsvRangeInput,
  type SortedEvent,
  sortOsvEvents,
} from '../version/osv-events.ts';
import type { OsvAffectedInput } from '../version/osv-range.ts';
import type { ParsedVersion, VersionScheme } from '../version/version-scheme.ts';
import { normalizeVers } from './vers-normalize.ts';
import type { VersConstraint, VersRange } from './vers-range.ts';

/** Thrown when a range has no exact equivalent on the other side (the reason says which constraint). */
export class VersConversionError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'VersConversionError';
  }
}

interface Interval {
  /** null: from the first version. */
  readonly from: string | null;
  /** null: with no end. */
  readonly to: string | null;
  readonly toInclusive: boolean;
}

function pointText<V>(point: EventPoint<V>, value: string): string | null {
  return point.kind === 'at' ? value : null;
}

/** A range's timeline as intervals, walked as the OSV evaluation walks it (limits cap the last ones). */
function intervalsOf<V extends ParsedVersion>(
  range: OsvRangeInput,
  scheme: VersionScheme<V>,
  where: string,
): Interval[] {
  const events = sortOsvEvents(range, scheme, where);
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.some((l) => l.point.kind !== 'max')) {
    throw new VersConversionError(`${where}: limit events have no vers equivalent`);
  }
  const out: Interval[] = [];
  let open: SortedEvent<V> | undefined;
  for (const e of events) {
    if (e.kind === 'introduced' && open === undefined) open = e;
    else if ((e.kind === 'fixed' || e.kind === 'last_affected') && open !== undefined) {
      // `introduced: X, fixed: X` opens and closes on one version: nothing is affected.
      const empty = e.kind === 'fixed' && comparePoints(scheme, open.point, e.point) === 0;
      if (!empty)
        out.push({ from: pointText(open.point, open.value), to: e.value, toInclusive: e.kind === 'last_affected' });
      open = undefined;
    }
  }
  if (open !== undefined) out.push({ from: pointText(open.point, open.value), to: null, toInclusive: false });
  return out;
}

/** Union of intervals (every start is inclusive), sorted by start; touching intervals are joined. */
function unionIntervals(intervals: Interval[], scheme: VersionScheme): Interval[] {
  const at = (text: string) => scheme.parse(text);
  const cmp = (a: string, b: string) => scheme.compare(at(a), at(b));
  const sorted = [...intervals].sort((x, y) => {
    if (x.from === null || y.from === null) return (x.from === null ? -1 : 0) - (y.from === null ? -1 : 0);
    return cmp(x.from, y.from);
  });
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || (last.to !== null && next.from !== null && cmp(next.from, last.to) > 0)) {
      out.push(next);
      continue;
    }
    if (last.to === null) continue;
    if (next.to === null) {
      out[out.length - 1] = { ...last, to: null, toInclusive: false };
      continue;
    }
    const order = cmp(next.to, last.to);
    if (order > 0 || (order === 0 && next.toInclusive))
      out[out.length - 1] = { ...last, to: next.to, toInclusive: next.toInclusive };
  }
  return out;
}

/**
 * The vers of an affected entry: the union of its SEMVER/ECOSYSTEM ranges' intervals and its listed
 * versions (overlapping or touching intervals joined), in canonical form. GIT ranges have no vers form
 * and are left out (the caller keeps them).
 */
export function versFromOsvAffected(affected: OsvAffectedInput, scheme: VersionScheme, type = scheme.name): VersRange {
  const intervals: Interval[] = [];
  (affected.ranges ?? []).forEach((range, index) => {
    if (range.type !== 'GIT') intervals.push(...intervalsOf(range, scheme, `affected.ranges[${index}]`));
  });
  for (const version of affected.versions ?? []) intervals.push({ from: version, to: version, toInclusive: true });
  if (intervals.length === 0)
    throw new VersConversionError('the entry has no SEMVER or ECOSYSTEM range and no versions');
  const constraints: VersConstraint[] = [];
  for (const { from, to, toInclusive } of unionIntervals(intervals, scheme)) {
    if (from === null && to === null) return { type, constraints: [], any: true };
    if (from !== null && to !== null && toInclusive && scheme.compare(scheme.parse(from), scheme.parse(to)) === 0) {
      constraints.push({ comparator: '=', version: from });
      continue;
    }
    if (from !== null) constraints.push({ comparator: '>=', version: from });
    if (to !== null) constraints.push({ comparator: toInclusive ? '<=' : '<', version: to });
  }
  return { type, constraints, any: false };
}

export interface OsvRangesOfVers {
  /** ECOSYSTEM ranges: one with `fixed` ends, one with `last_affected` ends (OSV forbids both in one). */
  readonly ranges: OsvRangeInput[];
  readonly versions: string[];
}

/** A vers as OSV ECOSYSTEM ranges and listed versions. `>` lower bounds and `!=` have no OSV form. */
export function osvFromVers(range: VersRange, scheme: VersionScheme): OsvRangesOfVers {
  if (range.any) return { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], versions: [] };
  const normalized = normalizeVers(range, scheme).constraints;
  const fixedEvents: OsvRangeEvent[] = [];
  const lastAffectedEvents: OsvRangeEvent[] = [];
  const versions: string[] = [];
  let lower: string | undefined;
  for (const c of normalized) {
    switch (c.comparator) {
      case '=':
        versions.push(c.version);
        break;
      case '>=':
        lower = c.version;
        break;
      case '<':
        fixedEvents.push({ introduced: lower ?? '0' }, { fixed: c.version });
        lower = undefined;
        break;
      case '<=':
        lastAffectedEvents.push({ introduced: lower ?? '0' }, { last_affected: c.version });
        lower = undefined;
        break;
      default:
        throw new VersConversionError(`"${c.comparator}${c.version}" has no OSV event (introduced is inclusive)`);
    }
  }
  if (lower !== undefined) fixedEvents.push({ introduced: lower });
  const ranges: OsvRangeInput[] = [];
  if (fixedEvents.length > 0) ranges.push({ type: 'ECOSYSTEM', events: fixedEvents });
  if (lastAffectedEvents.length > 0) ranges.push({ type: 'ECOSYSTEM', events: lastAffectedEvents });
  return { ranges, versions };
}
