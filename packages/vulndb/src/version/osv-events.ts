// An OSV range's events (introduced, fixed, last_affected, limit) parsed with a version scheme and
// sorted as the OSV schema's evaluation sorts them. Shared by range evaluation (osv-range.ts) and
// the vers conversion (vers/vers-osv.ts).
import type { ParsedVersion, VersionScheme } from './version-scheme.ts';

export type OsvEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

/** One event as published: exactly one of the four keys. */
export interface OsvRangeEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

/** A range as published; structurally the OSV schema's `affected[].ranges[]`. */
export interface OsvRangeInput {
  readonly type: string;
  readonly events: readonly OsvRangeEvent[];
}

/** `introduced: "0"` sorts before every version, a `limit` containing `*` after every version. */
export type EventPoint<V> =
  | { readonly kind: 'min' }
  | { readonly kind: 'max' }
  | { readonly kind: 'at'; readonly version: V };

export interface SortedEvent<V> {
  readonly kind: OsvEventKind;
  readonly value: string;
  readonly point: EventPoint<V>;
}

/** Thrown when a range's events cannot be read; `where` is the JSON path inside the affected entry. */
export class OsvRangeError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'OsvRangeError';
  }
}

const KINDS: readonly OsvEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

export function eventKind(event: OsvRangeEvent, where: string): { kind: OsvEventKind; value: string } {
  const present = KINDS.filter((k) => event[k] !== undefined);
  if (present.length !== 1) {
    throw new OsvRangeError(where, 'an event has exactly one of introduced, fixed, last_affected or limit');
  }
  const kind = present[0];
  return { kind, value: event[kind] as string };
}

/** Compares two event points; min and max sit outside every version. */
export function comparePoints<V extends ParsedVersion>(
  scheme: VersionScheme<V>,
  a: EventPoint<V>,
  b: EventPoint<V>,
): number {
  if (a.kind !== 'at' || b.kind !== 'at') {
    const rank = (p: EventPoint<V>) => (p.kind === 'min' ? -1 : p.kind === 'max' ? 1 : 0);
    return rank(a) - rank(b);
  }
  return scheme.compare(a.version, b.version);
}

/**
 * Parses and sorts a range's events by version. Events on the same version keep their published
 * order, so the evaluation reads them exactly as the publisher wrote them.
 */
export function sortOsvEvents<V extends ParsedVersion>(
  range: OsvRangeInput,
  scheme: VersionScheme<V>,
  where: string,
): SortedEvent<V>[] {
  const events = range.events.map((event, index) => {
    const at = `${where}.events[${index}]`;
    const { kind, value } = eventKind(event, at);
    let point: EventPoint<V>;
    if (kind === 'introduced' && value === '0') point = { kind: 'min' };
    else if (kind === 'limit' && value.includes('*')) point = { kind: 'max' };
    else {
      try {
        point = { kind: 'at', version: scheme.parse(value) };
      } catch (error) {
        throw new OsvRangeError(`${at}.${kind}`, error instanceof Error ? error.message : String(error));
      }
    }
    return { event: { kind, value, point }, index };
  });
  events.sort((a, b) => comparePoints(scheme, a.event.point, b.event.point) || a.index - b.index);
  return events.map((e) => e.event);
}
