/**
 * The form in which a package URL is compared with the affected packages' purls: OSV publishes
 * them without version, qualifiers or subpath, with the type in lower case and an npm scope's `@`
 * percent-encoded (`pkg:npm/%40babel/core`), as the purl specification's canonical form has it.
 * A caller's purl is brought to that form, so `pkg:npm/@babel/core@7.0.0` finds the same advisories.
 */
export function packageUrlKey(purl: string): string {
  let rest = purl.trim();
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const lastSlash = rest.lastIndexOf('/');
  const at = rest.indexOf('@', lastSlash + 1);
  if (at >= 0) rest = rest.slice(0, at);
  const m = /^pkg:\/*([^/]+)\/(.*)$/i.exec(rest);
  if (!m) return rest;
  const path = m[2]
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => (s.startsWith('@') ? `%40${s.slice(1)}` : s))
    .join('/');
  return `pkg:${m[1].toLowerCase()}/${path}`;
}
