// OSV ecosystems ↔ package-URL types. The table follows osv.dev's own (its purl helpers): a
// language ecosystem is a type; a distribution is a type and a namespace (Debian → deb/debian).
// A release suffix (`Debian:12`, `Alpine:v3.18`) is not carried into the purl, as osv.dev does not.
import { buildPurl, type Purl, parsePurl } from './purl.ts';

export interface EcosystemPurlType {
  type: string;
  /** The distribution's namespace; undefined for language ecosystems. */
  namespace?: string;
}

/** OSV ecosystem → purl type (and namespace), for the ecosystems Vigil reads. */
export const OSV_ECOSYSTEM_PURL_TYPES: Readonly<Record<string, EcosystemPurlType>> = {
  npm: { type: 'npm' },
  PyPI: { type: 'pypi' },
  Maven: { type: 'maven' },
  Go: { type: 'golang' },
  'crates.io': { type: 'cargo' },
  NuGet: { type: 'nuget' },
  RubyGems: { type: 'gem' },
  Packagist: { type: 'composer' },
  Debian: { type: 'deb', namespace: 'debian' },
  Ubuntu: { type: 'deb', namespace: 'ubuntu' },
  'Red Hat': { type: 'rpm', namespace: 'redhat' },
  AlmaLinux: { type: 'rpm', namespace: 'almalinux' },
  'Rocky Linux': { type: 'rpm', namespace: 'rocky-linux' },
  SUSE: { type: 'rpm', namespace: 'suse' },
  openSUSE: { type: 'rpm', namespace: 'opensuse' },
  openEuler: { type: 'rpm', namespace: 'openeuler' },
  Mageia: { type: 'rpm', namespace: 'mageia' },
  Alpine: { type: 'apk', namespace: 'alpine' },
  Wolfi: { type: 'apk', namespace: 'wolfi' },
  Chainguard: { type: 'apk', namespace: 'chainguard' },
  MinimOS: { type: 'apk', namespace: 'minimos' },
  Alpaquita: { type: 'apk', namespace: 'alpaquita' },
  'BellSoft Hardened Containers': { type: 'apk', namespace: 'bellsoft-hardened-containers' },
};

/** Language types whose OSV package name holds the purl namespace too, and the separator it uses. */
const NAME_SEPARATORS: Readonly<Record<string, string>> = { maven: ':', golang: '/', composer: '/', npm: '/' };

const ECOSYSTEM_BY_PURL = new Map(
  Object.entries(OSV_ECOSYSTEM_PURL_TYPES).map(([ecosystem, p]) => [`${p.type}/${p.namespace ?? ''}`, ecosystem]),
);

/** The purl type of an OSV ecosystem string (its release suffix ignored); undefined when unmapped. */
export function purlTypeOfEcosystem(ecosystem: string): EcosystemPurlType | undefined {
  return OSV_ECOSYSTEM_PURL_TYPES[ecosystem.split(':')[0]];
}

/** An OSV package: the ecosystem (without release suffix), the name as OSV writes it, a version. */
export interface OsvPackageRef {
  ecosystem: string;
  name: string;
  version?: string;
}

/**
 * The canonical package URL of an OSV package (`Maven`, `org.apache:commons` →
 * `pkg:maven/org.apache/commons`); undefined when the ecosystem has no purl type. Throws
 * InvalidPurlError when the name does not make a valid purl of the type.
 */
export function purlOfOsvPackage(pkg: OsvPackageRef): string | undefined {
  const mapped = purlTypeOfEcosystem(pkg.ecosystem);
  if (!mapped) return undefined;
  const purl: Purl = { type: mapped.type, name: pkg.name };
  const separator = NAME_SEPARATORS[mapped.type];
  const cut = separator === undefined ? -1 : pkg.name.lastIndexOf(separator);
  if (mapped.namespace !== undefined) purl.namespace = mapped.namespace;
  else if (cut > 0) {
    purl.namespace = pkg.name.slice(0, cut);
    purl.name = pkg.name.slice(cut + 1);
  }
  if (pkg.version !== undefined) purl.version = pkg.version;
  return buildPurl(purl);
}

/**
 * The OSV package a package URL names; undefined when its type (and namespace, for distributions)
 * is not an OSV ecosystem Vigil maps. Qualifiers and subpath are not part of an OSV package (a Go
 * purl's subpath is a package inside the module that OSV names). Throws InvalidPurlError.
 */
export function osvPackageOfPurl(text: string): OsvPackageRef | undefined {
  const purl = parsePurl(text);
  const exact = ECOSYSTEM_BY_PURL.get(`${purl.type}/${purl.namespace ?? ''}`);
  let ref: OsvPackageRef | undefined;
  if (exact !== undefined) ref = { ecosystem: exact, name: purl.name };
  else {
    const ecosystem = ECOSYSTEM_BY_PURL.get(`${purl.type}/`);
    const separator = NAME_SEPARATORS[purl.type];
    if (ecosystem === undefined || (purl.namespace !== undefined && separator === undefined)) return undefined;
    const name = purl.namespace === undefined ? purl.name : `${purl.namespace}${separator}${purl.name}`;
    ref = { ecosystem, name };
  }
  if (purl.version !== undefined) ref.version = purl.version;
  return ref;
}
