/**
 * Namespace resolution for trees produced by parseXml (fast-xml-parser keeps "prefix:name" keys).
 * Element keys are rewritten to "alias:local" when their namespace URI starts with a known
 * prefix, or to the bare local name otherwise, tracking xmlns declarations down the tree.
 */
export type NamespaceAliases = Array<{ uriPrefix: string; alias: string }>;

function aliasFor(uri: string | undefined, aliases: NamespaceAliases): string | undefined {
  if (!uri) return undefined;
  return aliases.find((a) => uri.startsWith(a.uriPrefix))?.alias;
}

export function resolveNamespaces(
  node: unknown,
  aliases: NamespaceAliases,
  scope: Map<string, string> = new Map(),
): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveNamespaces(n, aliases, scope));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  let local = scope;
  for (const [key, value] of Object.entries(record)) {
    if (key === '@_xmlns' || key.startsWith('@_xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), String(value));
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('@_') || key === '#text') {
      out[key] = value;
      continue;
    }
    const colon = key.indexOf(':');
    const prefix = colon >= 0 ? key.slice(0, colon) : '';
    const name = colon >= 0 ? key.slice(colon + 1) : key;
    const alias = aliasFor(local.get(prefix), aliases);
    const outKey = alias ? `${alias}:${name}` : name;
    const resolved = resolveNamespaces(value, aliases, local);
    out[outKey] = out[outKey] === undefined ? resolved : ([] as unknown[]).concat(out[outKey], resolved);
  }
  return out;
}
