import { asArray, textOf } from '../common/xml.ts';
import { parsePurl } from '../common/purl.ts';
import type { JsonRecord } from '../common/json-shape.ts';

/** Component name/version of a Dependency-Check <dependency>, in DefectDojo's order of preference. */

type Node = JsonRecord;
export const kids = (node: Node | undefined, name: string): Node[] =>
  asArray(node?.[name] as Node | Node[] | undefined).map(
    (n) => (typeof n === 'object' && n !== null ? n : { '#text': n }) as Node,
  );
export const text = (node: Node | undefined, name: string): string | undefined => textOf(kids(node, name)[0]);

/** Depth-first search for elements named `name` below `node` (ElementTree ".//name"). */
export function descendants(node: Node | undefined, name: string, out: Node[] = []): Node[] {
  if (!node) return out;
  for (const [key, _value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    for (const childNode of kids(node, key)) {
      if (key === name) out.push(childNode);
      descendants(childNode, name, out);
    }
  }
  return out;
}

/** Vendor and product/version of a CPE 2.2 URI ("cpe:/a:v:p:1.0") or CPE 2.3 string. */
function cpeParts(value: string): { vendor?: string; product?: string; version?: string } {
  const cpe = value.trim().replace(/^\(|\)$/g, '');
  const parts = cpe.startsWith('cpe:2.3:') ? cpe.slice(8).split(':') : cpe.replace(/^cpe:\/?/, '').split(':');
  const field = (i: number) => {
    const v = parts[i];
    return v && v !== '*' && v !== '-' ? decodeURIComponent(v.replace(/\\(.)/g, '$1')) : undefined;
  };
  return { vendor: field(1), product: field(2), version: field(3) };
}

export interface DependencyComponent {
  name?: string;
  /** null when the reference parser would print "None". */
  version?: string | null;
  purl?: string;
}

export function dependencyComponent(dependency: Node): DependencyComponent {
  const identifiers = kids(dependency, 'identifiers')[0];
  if (identifiers) {
    const pkg = descendants(identifiers, 'package')[0];
    if (pkg) {
      const id = (text(pkg, 'id') ?? '').trim();
      const purl = parsePurl(id);
      const name = [purl?.namespace ? `${purl.namespace}:` : '', purl?.name ?? ''].join('');
      return { name: name || undefined, version: purl?.version ?? '', purl: id || undefined };
    }
    const identifierList = descendants(identifiers, 'identifier');
    const cpe = identifierList.find((n) => textOf(n['@_type']) === 'cpe');
    if (cpe) {
      const parts = cpeParts(text(cpe, 'name') ?? '');
      const name = `${parts.vendor ? `${parts.vendor}:` : ''}${parts.product ?? ''}`;
      return { name: name || undefined, version: parts.version ?? null };
    }
    const maven = identifierList.find((n) => textOf(n['@_type']) === 'maven');
    const mavenParts = (maven && text(maven, 'name')?.split(':')) || [];
    if (mavenParts.length === 3) return { name: `${mavenParts[0]}:${mavenParts[1]}`, version: mavenParts[2] };
  }
  const evidence = kids(dependency, 'evidenceCollected')[0];
  if (evidence) {
    const all = descendants(evidence, 'evidence');
    const product = all.find((n) => textOf(n['@_type']) === 'product');
    if (product) {
      const version = all.find((n) => textOf(n['@_type']) === 'version');
      return { name: text(product, 'value'), version: version ? (text(version, 'value') ?? null) : null };
    }
  }
  return { name: undefined, version: null };
}
