// vers ⇄ OSV: an OSV affected entry's SEMVER/ECOSYSTEM ranges and listed versions as one vers (each
// range's intervals kept), and a vers as OSV ranges and versions.
import { type EventPoint, type OsvRangeEvent, type OsvRangeInput, sortOsvEvents } from '../version/osv-events.ts';
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
  let open: string | null | undefined;
  for (const e of events) {
    if (e.kind === 'introduced' && open === undefined) open = pointText(e.point, e.value);
    else if ((e.kind === 'fixed' || e.kind === 'last_affected') && open !== undefined) {
      out.push({ from: open, to: e.value, toInclusive: e.kind === 'last_affected' });
      open = undefined;
    }
  }
  if (open !== undefined) out.push({ from: open, to: null, toInclusive: false });
  return out;
}

/**
 * The vers of an affected entry: the union of its SEMVER/ECOSYSTEM ranges' intervals and its listed
 * versions, normalized. GIT ranges have no vers form and are left out (the caller keeps them).
 */
export function versFromOsvAffected(affected: OsvAffectedInput, scheme: VersionScheme, type = scheme.name): VersRange {
  const constraints: VersConstraint[] = [];
  let any = false;
  (affected.ranges ?? []).forEach((range, index) => {
    if (range.type === 'GIT') return;
    for (const interval of intervalsOf(range, scheme, `affected.ranges[${index}]`)) {
      if (interval.from === null && interval.to === null) any = true;
      if (interval.from !== null) constraints.push({ comparator: '>=', version: interval.from });
      if (interval.to !== null)
        constraints.push({ comparator: interval.toInclusive ? '<=' : '<', version: interval.to });
    }
  });
  if (any) return { type, constraints: [], any: true };
  for (const version of affected.versions ?? []) constraints.push({ comparator: '=', version });
  if (constraints.length === 0)
    throw new VersConversionError('the entry has no SEMVER or ECOSYSTEM range and no versions');
  return normalizeVers({ type, constraints, any: false }, scheme);
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
