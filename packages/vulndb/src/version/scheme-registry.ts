// Finds the version scheme of a vers type (`npm`, `deb`, …) or of an OSV ecosystem (`PyPI`, `Debian:12`,
// `Red Hat:rhel_aus:8.4::appstream`, …). Ecosystem names come from the OSV schema's ecosystems list.
import { DISTRO_SCHEMES } from './distro-schemes.ts';
import { LANGUAGE_SCHEMES } from './language-schemes.ts';
import type { VersionScheme } from './version-scheme.ts';

/** Thrown when no version scheme is known for a vers type or an OSV ecosystem. */
export class UnknownVersionSchemeError extends Error {
  constructor(
    readonly kind: 'vers type' | 'OSV ecosystem',
    readonly value: string,
  ) {
    super(`no version scheme is known for the ${kind} "${value}"`);
    this.name = 'UnknownVersionSchemeError';
  }
}

// OSV ecosystem (the part before the first `:`) → vers type. Ecosystems whose version order is
// not implemented (CRAN, Hackage, Pub, …) are absent on purpose: guessing an order gives wrong answers.
export const OSV_ECOSYSTEM_VERS_TYPES: Readonly<Record<string, string>> = {
  npm: 'npm',
  PyPI: 'pypi',
  Maven: 'maven',
  Go: 'golang',
  'crates.io': 'cargo',
  NuGet: 'nuget',
  RubyGems: 'gem',
  Packagist: 'composer',
  SwiftURL: 'semver',
  Debian: 'deb',
  Ubuntu: 'deb',
  'Red Hat': 'rpm',
  AlmaLinux: 'rpm',
  'Rocky Linux': 'rpm',
  SUSE: 'rpm',
  openSUSE: 'rpm',
  openEuler: 'rpm',
  'Photon OS': 'rpm',
  'Azure Linux': 'rpm',
  Mageia: 'rpm',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  MinimOS: 'apk',
  Alpaquita: 'apk',
  'BellSoft Hardened Containers': 'apk',
};

// Root's ecosystems name the base distribution or package manager second: `Root:Alpine:3.18`, `Root:PyPI`.
const NESTING_ECOSYSTEMS = new Set(['Root']);

export class SchemeRegistry {
  private readonly byName = new Map<string, VersionScheme>();

  constructor(schemes: readonly VersionScheme[]) {
    for (const scheme of schemes) {
      if (this.byName.has(scheme.name)) throw new Error(`two version schemes are named "${scheme.name}"`);
      this.byName.set(scheme.name, scheme);
    }
  }

  /** The vers types with a scheme, sorted. */
  get names(): string[] {
    return [...this.byName.keys()].sort();
  }

  findByVersType(type: string): VersionScheme | undefined {
    return this.byName.get(type.toLowerCase());
  }

  byVersType(type: string): VersionScheme {
    const scheme = this.findByVersType(type);
    if (scheme === undefined) throw new UnknownVersionSchemeError('vers type', type);
    return scheme;
  }

  /** The vers type of an OSV ecosystem string, whether or not its scheme is registered. */
  versTypeOfEcosystem(ecosystem: string): string | undefined {
    const [base, ...rest] = ecosystem.split(':');
    if (NESTING_ECOSYSTEMS.has(base) && rest.length > 0) return this.versTypeOfEcosystem(rest.join(':'));
    return OSV_ECOSYSTEM_VERS_TYPES[base];
  }

  findByEcosystem(ecosystem: string): VersionScheme | undefined {
    const type = this.versTypeOfEcosystem(ecosystem);
    return type === undefined ? undefined : this.byName.get(type);
  }

  byEcosystem(ecosystem: string): VersionScheme {
    const scheme = this.findByEcosystem(ecosystem);
    if (scheme === undefined) throw new UnknownVersionSchemeError('OSV ecosystem', ecosystem);
    return scheme;
  }
}

/** Every scheme Vigil implements: the language ecosystems' and the distributions'. */
export const versionSchemes = new SchemeRegistry([...LANGUAGE_SCHEMES, ...DISTRO_SCHEMES]);
