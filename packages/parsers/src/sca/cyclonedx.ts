import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, parseCwe } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';
import { applyAnalysis, applyCvssRating, fixSeverity } from './cyclonedx-shared.ts';
import { cyclonedxXmlFindings } from './cyclonedx-xml.ts';

/** Components by bom-ref, nested components included (children before their parent). */
function flattenComponents(components: unknown[], into: Map<string, JsonRecord>): void {
  for (const item of components) {
    const component = asRecord(item);
    if (!component) continue;
    if (has(component, 'components')) flattenComponents(asList(component.components), into);
    const ref = asText(component['bom-ref']);
    if (ref !== undefined) into.set(ref, component);
  }
}

function advisoryReferences(vulnerability: JsonRecord): string {
  let references = '';
  for (const item of asList(vulnerability.advisories)) {
    const advisory = asRecord(item) ?? {};
    if (advisory.title) references += `**Title:** ${asText(advisory.title)}\n`;
    if (advisory.url) references += `**URL:** ${asText(advisory.url)}\n`;
    references += '\n';
  }
  return references;
}

function vulnerabilityFindings(
  vulnerability: JsonRecord,
  components: Map<string, JsonRecord>,
  date?: string,
): ParsedFinding[] {
  let description = asText(vulnerability.description);
  const detail = asText(vulnerability.detail);
  if (detail) description = description ? `${description}\n${detail}` : `\n${detail}`;
  const ratings = asList(vulnerability.ratings).map((r) => asRecord(r) ?? {});
  const severity = ratings.length ? fixSeverity(asText(ratings[0].severity)) : 'Medium';
  const references = advisoryReferences(vulnerability);
  const id = asText(vulnerability.id);
  const ids = [id, ...asList(vulnerability.references).map((r) => asText(asRecord(r)?.id))].filter(
    (v): v is string => !!v,
  );
  const cwe = parseCwe(asList(vulnerability.cwes)[0]);
  const analysis = asRecord(vulnerability.analysis);
  const findings: ParsedFinding[] = [];
  for (const item of asList(vulnerability.affects)) {
    const ref = asText(asRecord(item)?.ref);
    const component = ref !== undefined ? components.get(ref) : undefined;
    const name = asText(component?.name);
    const version = asText(component?.version);
    const finding: ParsedFinding = {
      title: `${pyStr(name)}:${pyStr(version)} | ${pyStr(id)}`,
      description: description || 'Description was not provided.',
      severity,
      mitigation: asText(vulnerability.recommendation) ?? '',
      componentName: name,
      componentVersion: version,
      purl: asText(component?.purl),
      references: references || undefined,
      staticFinding: true,
      dynamicFinding: false,
      vulnIdFromTool: id,
      date,
    };
    for (const rating of ratings) {
      if (rating.method === 'CVSSv3' || rating.method === 'CVSSv31')
        applyCvssRating(finding, asText(rating.vector), asText(rating.severity));
    }
    if (ids.length) finding.vulnerabilityIds = ids;
    if (cwe) finding.cwe = cwe;
    applyAnalysis(finding, asText(analysis?.state), asText(analysis?.detail));
    if (finding.mitigation === '') delete finding.mitigation;
    findings.push(finding);
  }
  return findings;
}

function cyclonedxJsonFindings(doc: unknown): { findings: ParsedFinding[]; scanDate?: string } {
  const bom = asRecord(doc);
  if (
    !bom ||
    !(bom.bomFormat === 'CycloneDX' || has(bom, 'specVersion') || has(bom, 'vulnerabilities') || has(bom, 'components'))
  ) {
    throw new ParseError('Not a CycloneDX report: missing "bomFormat"/"specVersion"/"vulnerabilities"', { path: '$' });
  }
  if (has(bom, 'vulnerabilities') && !Array.isArray(bom.vulnerabilities)) {
    throw new ParseError('CycloneDX report: "vulnerabilities" is not an array', { path: 'vulnerabilities' });
  }
  const scanDate = isoDate(asRecord(bom.metadata)?.timestamp);
  const components = new Map<string, JsonRecord>();
  flattenComponents(asList(bom.components), components);
  const findings = asList(bom.vulnerabilities).flatMap((v, i) => {
    const vulnerability = asRecord(v);
    if (!vulnerability)
      throw new ParseError(`CycloneDX report: vulnerabilities[${i}] is not an object`, {
        path: `vulnerabilities[${i}]`,
      });
    return vulnerabilityFindings(vulnerability, components, scanDate);
  });
  return { findings, scanDate };
}

/** CycloneDX BOM (JSON or XML) vulnerabilities: one finding per vulnerability and affected component. */
export const cyclonedxParser: Parser = {
  id: 'cyclonedx',
  scanTypes: ['CycloneDX Scan'],
  description: 'CycloneDX SBOM/VEX vulnerabilities, JSON or XML (spec 1.2 to 1.6).',
  fileTypes: ['json', 'xml', 'cdx'],
  dedup: { algorithm: 'hash_code', hashFields: ['vulnIdFromTool', 'componentName', 'componentVersion'] },
  parse(input, ctx) {
    const text = input.toString('utf8').replace(/^\uFEFF/, '');
    const isXml = ctx.filename
      ? /\.xml$/i.test(ctx.filename) || text.trimStart().startsWith('<')
      : text.trimStart().startsWith('<');
    if (isXml) return guardParseSync('CycloneDX XML report', () => cyclonedxXmlFindings(text));
    const doc = parseJson(text, 'CycloneDX JSON report');
    return guardParseSync('CycloneDX JSON report', () => cyclonedxJsonFindings(doc));
  },
};
