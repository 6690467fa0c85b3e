/**
 * The ecosystem an OSV `package.ecosystem` names, without its release suffix: `Debian:12` → `Debian`,
 * `Ubuntu:Pro:18.04:LTS` → `Ubuntu`. Searches and matching group a package's advisories by it.
 */
export function ecosystemBase(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** Ecosystems whose registries treat names case-insensitively (the name is stored lower-cased for lookup). */
const CASE_INSENSITIVE = new Set(['NuGet', 'Packagist', 'Pub', 'Hex', 'Debian', 'Ubuntu', 'Alpine']);

/**
 * A package name in the form its ecosystem compares names, so a lookup finds an advisory however the
 * name was spelled: PyPI by PEP 503 (lower case, runs of `-_.` as one `-`), crates.io lower case with
 * `_` as `-` (the registry treats them as one name), the case-insensitive registries lower case.
 * npm, Maven, Go and RubyGems names are case-sensitive and stay as published.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  const base = ecosystemBase(ecosystem);
  if (base === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (base === 'crates.io') return name.toLowerCase().replace(/_/g, '-');
  if (CASE_INSENSITIVE.has(base)) return name.toLowerCase();
  return name;
}
