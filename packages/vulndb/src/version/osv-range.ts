// "Is version V of this package affected?" for one OSV `affected[]` entry, with its ranges exactly as
// published: the OSV schema's evaluation (IncludedInVersions || IncludedInRanges). Every range is read
// on its own and each one's events walk their own timeline, so two disjoint intervals stay two —
// never one min/max pair. GIT ranges name commits, not versions: they are not evaluated here (a
// version string says nothing about which commits it contains); `gitRanges` counts them.
import { eventKind, type OsvRangeInput, OsvRangeError, type SortedEvent, sortOsvEvents } from './osv-events.ts';
import { type SchemeRegistry, UnknownVersionSchemeError, versionSchemes } from './scheme-registry.ts';
import type { ParsedVersion, VersionScheme } from './version-scheme.ts';

/** Structurally the OSV schema's `affected[]` entry (what evaluation reads of it). */
export interface OsvAffectedInput {
  readonly ranges?: readonly OsvRangeInput[] | null;
  readonly versions?: readonly string[] | null;
}

export interface AffectedEvaluator {
  /** True when the version is listed in `versions` or falls in a SEMVER or ECOSYSTEM range. */
  affects(version: string): boolean;
  /** GIT ranges present (not evaluated against versions). */
  readonly gitRanges: number;
}

interface CompiledRange {
  readonly scheme: VersionScheme;
  readonly events: readonly SortedEvent<ParsedVersion>[];
  readonly limits: readonly SortedEvent<ParsedVersion>[];
}

function cmpPoint(scheme: VersionScheme, v: ParsedVersion, e: SortedEvent<ParsedVersion>): number {
  const p = e.point;
  return p.kind === 'at' ? scheme.compare(v, p.version) : p.kind === 'min' ? 1 : -1;
}

function beforeLimits(range: CompiledRange, v: ParsedVersion): boolean {
  if (range.limits.length === 0) return true;
  for (const limit of range.limits) if (cmpPoint(range.scheme, v, limit) < 0) return true;
  return false;
}

/**
 * The schema's walk sets `vulnerable` at every event whose condition holds (introduced: v >= e; fixed:
 * v >= e; last_affected: v > e), so its result is the kind of the last such event in sorted order:
 * reading the events from the end stops at that one instead of visiting all of them.
 */
function inRange(range: CompiledRange, v: ParsedVersion): boolean {
  if (!beforeLimits(range, v)) return false;
  const events = range.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    const order = cmpPoint(range.scheme, v, e);
    if (e.kind === 'last_affected' ? order > 0 : order >= 0) return e.kind === 'introduced';
  }
  return false;
}

/**
 * Compiles an affected entry once. `ecosystem` reads ECOSYSTEM ranges and `versions`; `semver` reads
 * SEMVER ranges (SemVer 2.0, whatever the ecosystem). Events that do not parse throw OsvRangeError.
 */
export function compileAffected(
  affected: OsvAffectedInput,
  ecosystem: VersionScheme,
  semver: VersionScheme,
  where = 'affected',
): AffectedEvaluator {
  const ranges: CompiledRange[] = [];
  let gitRanges = 0;
  (affected.ranges ?? []).forEach((range, index) => {
    const at = `${where}.ranges[${index}]`;
    if (range.type === 'GIT') {
      range.events.forEach((e, i) => {
        eventKind(e, `${at}.events[${i}]`);
      });
      gitRanges++;
      return;
    }
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') {
      throw new OsvRangeError(`${at}.type`, `unknown range type "${range.type}"`);
    }
    const scheme = range.type === 'SEMVER' ? semver : ecosystem;
    const sorted = sortOsvEvents(range, scheme, at);
    ranges.push({
      scheme,
      events: sorted.filter((e) => e.kind !== 'limit'),
      limits: sorted.filter((e) => e.kind === 'limit'),
    });
  });
  const listed = affected.versions ?? [];
  const listedStrings = new Set(listed);
  // Listed versions compare under the ecosystem's scheme (1.0 and 1.0.0 are one PyPI version); one
  // that does not parse still matches its exact string.
  const listedParsed: ParsedVersion[] = [];
  for (const text of listed) {
    try {
      listedParsed.push(ecosystem.parse(text));
    } catch {
      // kept as a string only
    }
  }

  function affects(version: string): boolean {
    if (listedStrings.size > 0 && listedStrings.has(version)) return true;
    let inEcosystem: ParsedVersion | undefined;
    if (listedParsed.length > 0) {
      inEcosystem = ecosystem.parse(version);
      for (const x of listedParsed) if (ecosystem.compare(inEcosystem, x) === 0) return true;
    }
    let inSemver: ParsedVersion | undefined;
    for (const range of ranges) {
      let v: ParsedVersion;
      if (range.scheme === ecosystem) {
        inEcosystem = inEcosystem ?? ecosystem.parse(version);
        v = inEcosystem;
      } else {
        inSemver = inSemver ?? range.scheme.parse(version);
        v = inSemver;
      }
      if (inRange(range, v)) return true;
    }
    return false;
  }

  return { affects, gitRanges };
}

/**
 * compileAffected with the schemes of an OSV ecosystem string (`Debian:12`, `PyPI`, …). An entry of an
 * ecosystem without a scheme can still be evaluated when it has only SEMVER (and GIT) ranges; with
 * ECOSYSTEM ranges or listed versions it throws UnknownVersionSchemeError.
 */
export function compileAffectedInEcosystem(
  affected: OsvAffectedInput,
  ecosystem: string,
  schemes: SchemeRegistry = versionSchemes,
): AffectedEvaluator {
  const semver = schemes.byVersType('semver');
  const scheme = schemes.findByEcosystem(ecosystem);
  if (scheme !== undefined) return compileAffected(affected, scheme, semver);
  const needsOrder =
    (affected.versions ?? []).length > 0 || (affected.ranges ?? []).some((range) => range.type === 'ECOSYSTEM');
  if (needsOrder) throw new UnknownVersionSchemeError('OSV ecosystem', ecosystem);
  return compileAffected(affected, semver, semver);
}
