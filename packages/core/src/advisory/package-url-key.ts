/**
 * How a package URL finds advisories. OSV records often carry no purl, and those that do may add
 * qualifiers (Alpine's `?arch=source`), so a purl of a known type is read as the OSV ecosystem and
 * package name it denotes, compared as that ecosystem compares names. Other purls are compared as
 * text, in the form OSV publishes them: no version, qualifiers or subpath, the type in lower case
 * and an npm scope's `@` percent-encoded (`pkg:npm/%40babel/core`).
 */

/** purl type → OSV ecosystem, and how the ecosystem writes the name from namespace and name. */
const ECOSYSTEM_OF_TYPE: Record<string, { ecosystem: string; name: (ns: string[], name: string) => string }> = {
  npm: { ecosystem: 'npm', name: (ns, n) => [...ns, n].join('/') },
  pypi: { ecosystem: 'PyPI', name: (_, n) => n },
  maven: { ecosystem: 'Maven', name: (ns, n) => [ns.join('.'), n].filter(Boolean).join(':') },
  golang: { ecosystem: 'Go', name: (ns, n) => [...ns, n].join('/') },
  cargo: { ecosystem: 'crates.io', name: (_, n) => n },
  nuget: { ecosystem: 'NuGet', name: (_, n) => n },
  gem: { ecosystem: 'RubyGems', name: (_, n) => n },
  composer: { ecosystem: 'Packagist', name: (ns, n) => [...ns, n].join('/') },
  hex: { ecosystem: 'Hex', name: (_, n) => n },
  pub: { ecosystem: 'Pub', name: (_, n) => n },
  apk: { ecosystem: 'Alpine', name: (_, n) => n },
  deb: { ecosystem: 'Debian', name: (_, n) => n },
};

export type PackageUrlMatch = { kind: 'package'; ecosystem: string; name: string } | { kind: 'purl'; purl: string };

interface PurlParts {
  type: string;
  namespace: string[];
  name: string;
}

function parts(purl: string): PurlParts | undefined {
  let rest = purl.trim();
  for (const sep of ['#', '?']) {
    const at = rest.indexOf(sep);
    if (at >= 0) rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const version = rest.indexOf('@', lastSlash + 1);
  if (version >= 0) rest = rest.slice(0, version);
  const m = /^pkg:\/*([^/]+)\/(.+)$/i.exec(rest);
  if (!m) return undefined;
  const segments = m[2].split('/').filter((s) => s.length > 0);
  const name = segments.pop();
  if (name === undefined) return undefined;
  return { type: m[1].toLowerCase(), namespace: segments, name };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** What a purl is searched by: an OSV package when its type maps to an ecosystem, else its text. */
export function packageUrlMatch(purl: string): PackageUrlMatch {
  const p = parts(purl);
  if (!p) return { kind: 'purl', purl: purl.trim() };
  const known = ECOSYSTEM_OF_TYPE[p.type];
  if (known)
    return { kind: 'package', ecosystem: known.ecosystem, name: known.name(p.namespace.map(decode), decode(p.name)) };
  const path = [...p.namespace, p.name].map((s) => (s.startsWith('@') ? `%40${s.slice(1)}` : s)).join('/');
  return { kind: 'purl', purl: `pkg:${p.type}/${path}` };
}
