// One version scheme per ecosystem behind one interface (docs/vulndb.md): parse, compare, and
// containment in an OSV range (its events kept as published) or a vers: constraint list.

/** A parsed version of one scheme. Opaque to callers: only the scheme that parsed it compares it. */
export interface ParsedVersion {
  readonly raw: string;
}

/** Thrown by `parse` when a string is not a version of the scheme; says which string and which scheme. */
export class InvalidVersionError extends Error {
  constructor(
    readonly scheme: string,
    readonly version: string,
    readonly reason: string,
  ) {
    super(`"${version}" is not a valid ${scheme} version: ${reason}`);
    this.name = 'InvalidVersionError';
  }
}

export interface VersionScheme<V extends ParsedVersion = ParsedVersion> {
  /** The vers scheme name (`npm`, `pypi`, `maven`, `deb`, `rpm`, `apk`, …). */
  readonly name: string;
  /** Parses a version; throws InvalidVersionError when the string is not one. */
  parse(version: string): V;
  /** Negative, zero or positive as `a` sorts before, equal to or after `b`. */
  compare(a: V, b: V): number;
}

/** Compares two version strings with a scheme (parses both). */
export function compareVersions<V extends ParsedVersion>(scheme: VersionScheme<V>, a: string, b: string): number {
  return scheme.compare(scheme.parse(a), scheme.parse(b));
}
