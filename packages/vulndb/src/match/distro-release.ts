// Distribution advisories are published per release (`Debian:12`, `Alpine:v3.18`, `Ubuntu:22.04:LTS`);
// a distribution package's purl names its release in the `distro` qualifier (`distro=debian-12`,
// `distro=bookworm`, `distro=alpine-3.18.4`). A match needs the two to name the same release: the
// same package version is fixed in one release and not in another.
import { parsePurl } from '../purl/purl.ts';

/** Debian and Ubuntu code names as distro qualifiers carry them, and their release numbers. */
const CODE_NAMES: Readonly<Record<string, string>> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  xenial: '16.04',
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  noble: '24.04',
};

/** Release numbers kept to the part a distribution's advisories are published under. */
function releaseKey(namespace: string, release: string): string {
  const numbers = release.replace(/^v/i, '');
  if (namespace === 'debian' || namespace === 'redhat' || namespace === 'almalinux' || namespace === 'rocky-linux') {
    return numbers.split('.')[0];
  }
  if (namespace === 'alpine' || namespace === 'ubuntu') return numbers.split('.').slice(0, 2).join('.');
  return numbers;
}

/** The release an OSV ecosystem string names, undefined when it names none (`Debian`, `npm`). */
export function ecosystemRelease(ecosystem: string): string | undefined {
  const parts = ecosystem.split(':').slice(1);
  if (parts.length === 0) return undefined;
  // `Ubuntu:Pro:18.04:LTS`: the release is the part that is a number.
  return parts.find((p) => /^v?\d/.test(p)) ?? parts[0];
}

/** The release a purl's `distro` qualifier names (prefix and code name resolved); undefined without one. */
export function purlRelease(purlText: string): string | undefined {
  const purl = parsePurl(purlText);
  const distro = purl.qualifiers?.distro?.toLowerCase();
  if (distro === undefined || distro === '') return undefined;
  const namespace = purl.namespace?.toLowerCase() ?? '';
  const bare = distro.startsWith(`${namespace}-`) ? distro.slice(namespace.length + 1) : distro;
  const release = CODE_NAMES[bare] ?? bare;
  return releaseKey(namespace, release);
}

/**
 * Whether a component may be matched against an advisory entry of this ecosystem: true when the
 * ecosystem names no release, or the component's purl names none (its release is unknown: it is
 * matched against every release's entry), or both name the same release.
 */
export function distroReleaseAgrees(purlText: string | null, ecosystem: string): boolean {
  const advisory = ecosystemRelease(ecosystem);
  if (advisory === undefined || purlText === null) return true;
  const component = purlRelease(purlText);
  if (component === undefined) return true;
  const namespace = parsePurl(purlText).namespace?.toLowerCase() ?? '';
  return component === releaseKey(namespace, advisory.toLowerCase());
}
