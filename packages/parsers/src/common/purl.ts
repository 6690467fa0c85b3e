/** Package URL (https://github.com/package-url/purl-spec) split into its parts. */
export interface PackageUrl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Parses "pkg:type/namespace/name@version?qualifiers#subpath"; undefined when it is not a purl. */
export function parsePurl(value: string | undefined | null): PackageUrl | undefined {
  if (!value) return undefined;
  let rest = String(value).trim();
  if (!/^pkg:/i.test(rest)) return undefined;
  rest = rest.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const type = rest.slice(0, slash).toLowerCase();
  rest = rest.slice(slash + 1).replace(/\/+$/, '');
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  const lastSlash = rest.lastIndexOf('/');
  if (at > lastSlash) {
    version = decode(rest.slice(at + 1));
    rest = rest.slice(0, at);
  }
  const segments = rest.split('/').filter(Boolean).map(decode);
  const name = segments.pop();
  if (!name) return undefined;
  return { type, namespace: segments.length ? segments.join('/') : undefined, name, version: version || undefined };
}
