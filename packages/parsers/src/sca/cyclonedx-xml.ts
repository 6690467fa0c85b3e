import { ParseError, type ParsedFinding, type ParseResult } from '../parser.ts';
import { parseXml, textOf, asArray } from '../common/xml.ts';
import { resolveNamespaces } from '../common/xml-namespaces.ts';
import { asRecord, type JsonRecord } from '../common/json-shape.ts';
import { isoDate } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';
import { applyAnalysis, applyCvssRating, fixSeverity } from './cyclonedx-shared.ts';

/** CycloneDX XML: bom namespace elements are bare names, the legacy vulnerability extension is "v:". */
const ALIASES = [
  { uriPrefix: 'http://cyclonedx.org/schema/ext/vulnerability/', alias: 'v' },
  { uriPrefix: 'http://cyclonedx.org/schema/bom/', alias: '' },
];

type Node = JsonRecord;
const kids = (node: Node | undefined, name: string): Node[] =>
  asArray(node?.[name] as Node | Node[] | undefined).map(
    (n) => (typeof n === 'object' && n !== null ? n : { '#text': n }) as Node,
  );
const child = (node: Node | undefined, name: string): Node | undefined => kids(node, name)[0];
const text = (node: Node | undefined, name: string): string | undefined => textOf(child(node, name));
/** Child elements at a path "a/b/c". */
const path = (node: Node | undefined, names: string): Node[] =>
  names.split('/').reduce<Node[]>((nodes, name) => nodes.flatMap((n) => kids(n, name)), node ? [node] : []);

function cwesOf(vulnerability: Node, prefix: string): number[] {
  return path(vulnerability, `${prefix}cwes/${prefix}cwe`)
    .map((n) => textOf(n) ?? '')
    .filter((t) => /^\d+$/.test(t))
    .map(Number);
}

type BomRefs = Map<string, { name?: string; version?: string }>;

/** Vulnerability of the legacy extension (vulnerability/1.0), inside a component or at the root. */
function legacyFinding(
  vulnerability: Node,
  refs: BomRefs,
  date?: string,
  component?: { name?: string; version?: string },
): ParsedFinding {
  const ref = textOf(vulnerability['@_ref']);
  const id = text(vulnerability, 'v:id');
  const rawSeverity = textOf(path(vulnerability, 'v:ratings/v:rating/v:severity')[0]);
  const description =
    text(vulnerability, 'v:description') ||
    [`**Ref:** ${pyStr(ref)}`, `**Id:** ${pyStr(id)}`, `**Severity:** ${pyStr(rawSeverity)}`].join('\n');
  const owner = component ?? (ref !== undefined ? refs.get(ref) : undefined);
  if (!owner)
    throw new ParseError(`CycloneDX XML: vulnerability ${pyStr(id)} refers to unknown bom-ref "${pyStr(ref)}"`, {
      path: 'vulnerabilities',
    });
  const references = path(vulnerability, 'v:advisories/v:advisory')
    .map((a) => `${textOf(a) ?? ''}\n`)
    .join('');
  const mitigation = path(vulnerability, 'v:recommendations/v:recommendation')
    .map((r) => `${textOf(r) ?? ''}\n`)
    .join('');
  const finding: ParsedFinding = {
    title: `${pyStr(owner.name)}:${pyStr(owner.version)} | ${pyStr(id)}`,
    description,
    severity: fixSeverity(rawSeverity),
    references: references || undefined,
    componentName: owner.name,
    componentVersion: owner.version,
    vulnIdFromTool: id,
    mitigation: mitigation || undefined,
    date,
  };
  for (const rating of path(vulnerability, 'v:ratings/v:rating')) {
    if (text(rating, 'v:method') === 'CVSSv3')
      applyCvssRating(finding, text(rating, 'v:vector'), text(rating, 'v:severity'));
  }
  const cwes = cwesOf(vulnerability, 'v:');
  if (cwes.length) finding.cwe = cwes[0];
  if (id) finding.vulnerabilityIds = [id];
  return finding;
}

/** Vulnerability of the bom namespace (spec 1.4+): one finding per affects/target. */
function bomFindings(vulnerability: Node, refs: BomRefs, date?: string): ParsedFinding[] {
  const id = text(vulnerability, 'id');
  let description = text(vulnerability, 'description');
  const detail = text(vulnerability, 'detail');
  if (detail) description = description ? `${description}\n${detail}` : `\n${detail}`;
  const severity = fixSeverity(textOf(path(vulnerability, 'ratings/rating/severity')[0]));
  let references = '';
  for (const advisory of path(vulnerability, 'advisories/advisory')) {
    const title = text(advisory, 'title');
    const url = text(advisory, 'url');
    if (title) references += `**Title:** ${title}\n`;
    if (url) references += `**URL:** ${url}\n`;
    references += '\n';
  }
  const ids = [id, ...path(vulnerability, 'references/reference').map((r) => text(r, 'id'))].filter(
    (v): v is string => !!v,
  );
  const cwes = cwesOf(vulnerability, 'v:').length ? cwesOf(vulnerability, 'v:') : cwesOf(vulnerability, '');
  const analyses = kids(vulnerability, 'analysis');
  return path(vulnerability, 'affects/target').map((target) => {
    const ref = text(target, 'ref');
    const owner = ref !== undefined ? refs.get(ref) : undefined;
    const finding: ParsedFinding = {
      title: `${pyStr(owner?.name)}:${pyStr(owner?.version)} | ${pyStr(id)}`,
      description,
      severity,
      mitigation: text(vulnerability, 'recommendation'),
      references: references || undefined,
      componentName: owner?.name,
      componentVersion: owner?.version,
      staticFinding: true,
      dynamicFinding: false,
      vulnIdFromTool: id,
      date,
    };
    if (ids.length) finding.vulnerabilityIds = ids;
    for (const rating of path(vulnerability, 'ratings/rating')) {
      const method = text(rating, 'method');
      if (method === 'CVSSv3' || method === 'CVSSv31')
        applyCvssRating(finding, text(rating, 'vector'), text(rating, 'severity'));
    }
    if (cwes.length) finding.cwe = cwes[0];
    if (analyses.length === 1) applyAnalysis(finding, text(analyses[0], 'state'), text(analyses[0], 'detail'));
    return finding;
  });
}

export function cyclonedxXmlFindings(xml: string): ParseResult {
  const doc = resolveNamespaces(parseXml(xml, {}, 'CycloneDX XML report'), ALIASES) as Node;
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('@_') && k !== '#text');
  const root = rootKey ? asRecord(doc[rootKey]) : undefined;
  const ns =
    Object.entries(root ?? {})
      .filter(([k]) => k === '@_xmlns' || k.startsWith('@_xmlns:'))
      .map(([, v]) => String(v))
      .find((v) => v.startsWith('http://cyclonedx.org/schema/bom/')) ?? String(root?.['@_xmlns'] ?? '');
  if (rootKey !== 'bom' || !root || !ns.startsWith('http://cyclonedx.org/schema/bom/')) {
    throw new ParseError(`Not a CycloneDX BOM XML file: root element <${rootKey ?? '?'}> namespace "${ns}"`, {
      path: rootKey ?? '/',
    });
  }
  const date = isoDate(text(child(root, 'metadata'), 'timestamp'));
  const refs: BomRefs = new Map();
  const findings: ParsedFinding[] = [];
  for (const component of path(root, 'components/component')) {
    const owner = { name: text(component, 'name'), version: text(component, 'version') };
    const bomRef = textOf(component['@_bom-ref']);
    if (bomRef !== undefined) refs.set(bomRef, owner);
    for (const vulnerability of path(component, 'v:vulnerabilities/v:vulnerability'))
      findings.push(legacyFinding(vulnerability, refs, date, owner));
  }
  for (const vulnerability of path(root, 'v:vulnerabilities/v:vulnerability'))
    findings.push(legacyFinding(vulnerability, refs, date));
  for (const vulnerability of path(root, 'vulnerabilities/vulnerability'))
    findings.push(...bomFindings(vulnerability, refs, date));
  return { findings, scanDate: date };
}
