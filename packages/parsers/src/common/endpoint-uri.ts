import type { ParsedEndpoint } from '../parser.ts';

const DEFAULT_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  dns: 53,
  ldap: 389,
  ldaps: 636,
};

/** Default port of a URL scheme, as DefectDojo's Endpoint.from_uri fills it in. */
export function defaultPort(scheme: string | undefined): number | undefined {
  return scheme ? DEFAULT_PORTS[scheme.toLowerCase()] : undefined;
}

export interface UriEndpointOptions {
  /** Keep the query string and fragment in `url` (DefectDojo's ZAP parser drops them). */
  keepQuery?: boolean;
}

/**
 * An endpoint from a URI ("https://h:8443/p?q"), split as DefectDojo's Endpoint.from_uri does: protocol,
 * host, port (the scheme's default when absent), path without its leading "/". A value without a
 * scheme is taken as host[:port][/path]. Undefined for empty input; never throws.
 */
export function endpointFromUri(
  value: string | undefined | null,
  opts: UriEndpointOptions = {},
): ParsedEndpoint | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `none://${raw}`);
  } catch {
    return { host: raw };
  }
  const protocol = hasScheme ? url.protocol.replace(/:$/, '').toLowerCase() : undefined;
  const endpoint: ParsedEndpoint = {};
  if (url.hostname) endpoint.host = url.hostname.replace(/^\[|\]$/g, '');
  if (protocol) endpoint.protocol = protocol;
  const port = url.port ? Number(url.port) : defaultPort(protocol);
  if (port !== undefined) endpoint.port = port;
  let path = url.pathname.replace(/^\/+/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep the raw path */
  }
  if (path) endpoint.path = path;
  if (hasScheme) {
    const base =
      `${protocol}://${url.host}` +
      `${url.pathname === '/' && !raw.replace(/[?#].*$/, '').endsWith('/') ? '' : url.pathname}`;
    endpoint.url = opts.keepQuery ? `${base}${url.search}${url.hash}` : base;
  }
  return endpoint;
}

/** An endpoint from parts (host, port, protocol, path); undefined when there is no host. */
export function endpointFromParts(parts: {
  host?: string;
  port?: number;
  protocol?: string;
  path?: string;
}): ParsedEndpoint | undefined {
  const host = parts.host?.trim();
  if (!host) return undefined;
  const endpoint: ParsedEndpoint = { host };
  if (parts.protocol) endpoint.protocol = parts.protocol;
  if (parts.port !== undefined && Number.isFinite(parts.port)) endpoint.port = parts.port;
  const path = parts.path?.replace(/^\/+/, '');
  if (path) endpoint.path = path;
  if (parts.protocol && /^[a-z][a-z0-9+.-]*$/i.test(parts.protocol)) {
    const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    const showPort = endpoint.port !== undefined && endpoint.port !== defaultPort(parts.protocol);
    endpoint.url = `${parts.protocol}://${hostPart}${showPort ? `:${endpoint.port}` : ''}${path ? `/${path}` : ''}`;
  }
  return endpoint;
}
