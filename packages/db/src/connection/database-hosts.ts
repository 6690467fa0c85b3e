/**
 * node-postgres has no multi-host connection strings, so `postgres://u:p@h1:5432,h2:5433/db?x=y`
 * is split here into one single-host URL per host, in the order given.
 */
export function splitHosts(databaseUrl: string): string[] {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/.exec(databaseUrl);
  if (!m) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const [, scheme, credentials = '', hostList, rest] = m;
  const hosts = hostList.split(',').map((h) => h.trim());
  if (hosts.some((h) => h === '')) throw new Error('DATABASE_URL has an empty host in its host list');
  return hosts.map((h) => `${scheme}${credentials}${h}${rest}`);
}

/** DATABASE_REPLICA_URLS: URLs separated by commas or whitespace (each one single-host). */
export function parseReplicaUrls(list: string | undefined): string[] {
  if (!list) return [];
  return list
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** host:port of a single-host URL, for logs (never the credentials). */
export function describeHost(url: string): string {
  const m = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(url);
  return m?.[1] || 'localhost';
}
