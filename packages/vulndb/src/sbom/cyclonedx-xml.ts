// CycloneDX XML (1.4–1.6) → the BOM's JSON model, which is then validated against the official JSON
// schema of the same version: one set of rules for both encodings. XML is read with the project's
// safe parser (@vigil/parsers: a DOCTYPE or entity declaration is refused, entities never expanded).
// What is converted is what Vigil reads or what the schema checks on it: components (nested),
// hashes, licences, purl, properties, swid, pedigree patches, services' data flows, dependencies.
import { asArray, ParseError, parseXml, textOf } from '@vigil/parsers';
import { CYCLONEDX_VERSIONS, type CycloneDxVersion } from './cyclonedx-schema.ts';
import { SbomValidationError } from './inventory.ts';

type Node = Record<string, unknown>;
type Json = Record<string, unknown>;

const NAMESPACE = 'http://cyclonedx.org/schema/bom/';
const REPEATED = ['component', 'hash', 'license', 'expression', 'dependency', 'property', 'patch', 'issue', 'service'];

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child element that the schema allows once; a repeated one is refused, as the XSD does. */
function one(node: Node, name: string, path: string): unknown {
  const value = node[name];
  if (Array.isArray(value)) throw new SbomValidationError(`${path}/${name}`, `<${name}> may occur only once`);
  return value;
}

function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function textChild(node: Node, name: string, path: string): string | undefined {
  return textOf(one(node, name, path));
}

function attr(node: unknown, name: string): string | undefined {
  return isNode(node) && typeof node[`@_${name}`] === 'string' ? textOf(node[`@_${name}`]) : undefined;
}

function children(node: Node, wrapper: string, item: string, path: string): Node[] | undefined {
  const outer = one(node, wrapper, path);
  if (outer === undefined) return undefined;
  return asArray(isNode(outer) ? outer[item] : undefined).map((child) => (isNode(child) ? child : { '#text': child }));
}

function properties(node: Node, path: string): Json[] | undefined {
  return children(node, 'properties', 'property', path)?.map((property) => {
    const out: Json = {};
    put(out, 'name', attr(property, 'name'));
    put(out, 'value', textOf(property));
    return out;
  });
}

function license(node: Node, path: string): Json {
  const out: Json = {};
  put(out, 'bom-ref', attr(node, 'bom-ref'));
  put(out, 'acknowledgement', attr(node, 'acknowledgement'));
  put(out, 'id', textChild(node, 'id', path));
  put(out, 'name', textChild(node, 'name', path));
  put(out, 'url', textChild(node, 'url', path));
  const body = one(node, 'text', path);
  if (body !== undefined) {
    const content: Json = { content: textOf(body) ?? '' };
    put(content, 'contentType', attr(body, 'content-type'));
    put(content, 'encoding', attr(body, 'encoding'));
    out.text = content;
  }
  put(out, 'properties', properties(node, path));
  return out;
}

function licenses(node: Node, path: string): Json[] | undefined {
  const outer = one(node, 'licenses', path);
  if (!isNode(outer)) return outer === undefined ? undefined : [];
  const choices: Json[] = asArray(outer.license).map((item, index) => ({
    license: license(isNode(item) ? item : {}, `${path}/licenses/license[${index}]`),
  }));
  for (const item of asArray(outer.expression)) {
    const choice: Json = { expression: textOf(item) ?? '' };
    put(choice, 'acknowledgement', attr(item, 'acknowledgement'));
    choices.push(choice);
  }
  return choices;
}

function patches(node: Node, path: string): Json[] | undefined {
  const pedigree = one(node, 'pedigree', path);
  if (!isNode(pedigree)) return undefined;
  return children(pedigree, 'patches', 'patch', `${path}/pedigree`)?.map((patch) => {
    const out: Json = {};
    put(out, 'type', attr(patch, 'type'));
    const resolves = children(patch, 'resolves', 'issue', `${path}/pedigree/patches`)?.map((issue) => {
      const entry: Json = {};
      put(entry, 'type', attr(issue, 'type'));
      put(entry, 'id', textChild(issue, 'id', path));
      put(entry, 'name', textChild(issue, 'name', path));
      return entry;
    });
    put(out, 'resolves', resolves);
    return out;
  });
}

function swid(node: Node, path: string): Json | undefined {
  const tag = one(node, 'swid', path);
  if (tag === undefined) return undefined;
  const out: Json = {};
  put(out, 'tagId', attr(tag, 'tagId'));
  put(out, 'name', attr(tag, 'name'));
  put(out, 'version', attr(tag, 'version'));
  return out;
}

function component(node: Node, path: string): Json {
  const out: Json = {};
  put(out, 'type', attr(node, 'type'));
  put(out, 'bom-ref', attr(node, 'bom-ref'));
  for (const key of ['group', 'name', 'version', 'scope', 'purl', 'cpe']) put(out, key, textChild(node, key, path));
  put(
    out,
    'hashes',
    children(node, 'hashes', 'hash', path)?.map((hash) => ({
      alg: attr(hash, 'alg') ?? '',
      content: textOf(hash) ?? '',
    })),
  );
  put(out, 'licenses', licenses(node, path));
  put(out, 'swid', swid(node, path));
  const patchList = patches(node, path);
  if (patchList !== undefined) out.pedigree = { patches: patchList };
  put(out, 'properties', properties(node, path));
  put(
    out,
    'components',
    children(node, 'components', 'component', path)?.map((child, i) => component(child, `${path}/components/${i}`)),
  );
  return out;
}

function service(node: Node, path: string): Json {
  const out: Json = {};
  put(out, 'bom-ref', attr(node, 'bom-ref'));
  for (const key of ['group', 'name', 'version']) put(out, key, textChild(node, key, path));
  put(
    out,
    'data',
    children(node, 'data', 'classification', path)?.map((entry) => ({
      flow: attr(entry, 'flow') ?? '',
      classification: textOf(entry) ?? '',
    })),
  );
  put(out, 'properties', properties(node, path));
  return out;
}

function dependencies(bom: Node): Json[] | undefined {
  return children(bom, 'dependencies', 'dependency', '/bom')?.map((dependency) => {
    const out: Json = {};
    put(out, 'ref', attr(dependency, 'ref'));
    const targets = asArray(dependency.dependency).map((target) => attr(target, 'ref') ?? '');
    if (targets.length > 0) out.dependsOn = targets;
    return out;
  });
}

function metadata(node: unknown): Json | undefined {
  if (!isNode(node)) return undefined;
  const out: Json = {};
  put(out, 'timestamp', textChild(node, 'timestamp', '/bom/metadata'));
  put(out, 'licenses', licenses(node, '/bom/metadata'));
  put(out, 'properties', properties(node, '/bom/metadata'));
  // <component> is read as a list everywhere (it repeats under <components>); metadata holds one.
  const roots = asArray(node.component);
  if (roots.length > 1) throw new SbomValidationError('/bom/metadata/component', '<component> may occur only once');
  if (isNode(roots[0])) out.component = component(roots[0], '/bom/metadata/component');
  return out;
}

function parseDocument(text: string): Node {
  try {
    return parseXml(text, { arrays: REPEATED }, 'CycloneDX XML');
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const where = error.position?.line === undefined ? '' : `line ${error.position.line}`;
    throw new SbomValidationError(where, error.message);
  }
}

/** The BOM's version (from its namespace) and its JSON model; throws SbomValidationError. */
export function cycloneDxXmlToJson(text: string): { version: CycloneDxVersion; bom: Json } {
  const document = parseDocument(text);
  const bom = document.bom;
  if (!isNode(bom)) throw new SbomValidationError('/', 'the document element is not <bom>');
  const namespace = attr(bom, 'xmlns') ?? '';
  const version = CYCLONEDX_VERSIONS.find((v) => namespace === `${NAMESPACE}${v}`);
  if (version === undefined) {
    throw new SbomValidationError('/bom/@xmlns', `"${namespace}" is not the CycloneDX 1.4, 1.5 or 1.6 namespace`);
  }
  const out: Json = { bomFormat: 'CycloneDX', specVersion: version };
  put(out, 'serialNumber', attr(bom, 'serialNumber'));
  const revision = attr(bom, 'version');
  if (revision !== undefined) out.version = /^\d+$/.test(revision) ? Number(revision) : revision;
  put(out, 'metadata', metadata(one(bom, 'metadata', '/bom')));
  put(
    out,
    'components',
    children(bom, 'components', 'component', '/bom')?.map((c, i) => component(c, `/components/${i}`)),
  );
  put(
    out,
    'services',
    children(bom, 'services', 'service', '/bom')?.map((s, i) => service(s, `/services/${i}`)),
  );
  put(out, 'dependencies', dependencies(bom));
  return { version, bom: out };
}
