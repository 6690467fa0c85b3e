import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { asArray, decodeXmlText, parseXml } from '../common/xml.ts';
import { guardParseSync } from '../common/json-shape.ts';
import { isoDate, parseCwe, toFloat } from '../common/fields.ts';
import { veracodeJsonFindings } from './veracode-json.ts';

/**
 * Veracode detailed XML report (detailedreport, schema reports/export/1.0): static and dynamic
 * flaws under severity/category/cwe (one finding per issueid, first one kept) and SCA vulnerable
 * components (one finding per component vulnerability), as DefectDojo reads them. The REST
 * findings JSON ({"findings": [...]} or {"_embedded": {"findings": [...]}}) is read too.
 */

type Node = Record<string, unknown>;
const SEVERITY: Record<string, Severity> = { '1': 'Info', '2': 'Low', '3': 'Medium', '4': 'High', '5': 'Critical' };
const ARRAYS = [
  'severity',
  'category',
  'cwe',
  'flaw',
  'component',
  'vulnerability',
  'mitigation',
  'para',
  'bulletitem',
];

const attr = (node: Node | undefined, name: string): string | undefined => {
  const value = node?.[`@_${name}`];
  return value === undefined || value === null ? undefined : decodeXmlText(String(value));
};
const children = (node: Node | undefined, name: string): Node[] => asArray(node?.[name] as Node | Node[] | undefined);
const child = (node: Node | undefined, name: string): Node | undefined => children(node, name)[0];

/** Element keys without their namespace prefix ("x:flaw" → "flaw"). */
function stripPrefixes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripPrefixes);
  if (node === null || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node as Node)) {
    const local = key.startsWith('@_') || key === '#text' ? key : key.slice(key.indexOf(':') + 1);
    out[local] = stripPrefixes(value);
  }
  return out;
}

function categoryMitigation(category: Node): string {
  const para = child(child(category, 'recommendations'), 'para');
  let text = `${attr(para, 'text') ?? ''}\n\n`;
  for (const bullet of children(para, 'bulletitem')) text += `    * ${attr(bullet, 'text') ?? ''}\n`;
  return text;
}

function flawFinding(appId: string, flaw: Node, mitigation: string, kind: 'static' | 'dynamic'): ParsedFinding {
  const issueId = attr(flaw, 'issueid') ?? '';
  const description = (attr(flaw, 'description') ?? '').replace(/\. /g, '.\n');
  const refAt = description.indexOf('References:');
  const references = refAt >= 0 ? description.slice(refAt + 13).replace(/\) {2}/g, ')\n') : 'None';
  let mitigated = false;
  let falsePositive = false;
  if ((attr(flaw, 'mitigation_status') ?? '').toLowerCase() === 'accepted') {
    const remediation = (attr(flaw, 'remediation_status') ?? '').toLowerCase();
    mitigated = remediation === 'fixed' || children(child(flaw, 'mitigations'), 'mitigation').length > 0;
    falsePositive = mitigated && (remediation.includes('false positive') || remediation.includes('falsepositive'));
  }
  const finding: ParsedFinding = {
    title: attr(flaw, 'categoryname') ?? '',
    severity: SEVERITY[attr(flaw, 'severity') ?? ''] ?? 'Info',
    cwe: parseCwe(attr(flaw, 'cweid')),
    description,
    mitigation,
    impact: `CIA Impact: ${(attr(flaw, 'cia_impact') ?? '').toUpperCase()}`,
    references:
      `${references}\n\nVulnerable ` +
      `Module: ${attr(flaw, 'module') ?? ''}\nType: ${attr(flaw, 'type') ?? ''}\nVeracode issue ID: ${issueId}`,
    uniqueIdFromTool: `app-${appId}_issue-${issueId}`,
    date: isoDate(attr(flaw, 'date_first_occurrence')),
    mitigated,
    active: !mitigated,
    falsePositive,
    staticFinding: kind === 'static',
    dynamicFinding: kind === 'dynamic',
    tags: [kind === 'static' ? 'sast' : 'dast'],
  };
  if (kind === 'static') {
    const line = attr(flaw, 'line');
    const relative = attr(flaw, 'functionrelativelocation');
    if (line && /^\d+$/.test(line) && relative && /^\d+$/.test(relative))
      finding.line = Number(line) + Number(relative);
    finding.filePath = `${attr(flaw, 'sourcefilepath') ?? ''}${attr(flaw, 'sourcefile') ?? ''}`;
  } else {
    const url = attr(flaw, 'url');
    if (url) finding.endpoints = [{ url }];
  }
  return finding;
}

function scaFinding(component: Node, vulnerability: Node, reportDate: string | undefined): ParsedFinding {
  let library = attr(component, 'library') ?? '';
  const libraryId = attr(component, 'library_id');
  if (libraryId?.startsWith('maven:') && libraryId.split(':').length > 2) library = libraryId.split(':')[2];
  const version = attr(component, 'version') ?? '';
  const cve = attr(vulnerability, 'cve_id') ?? '';
  const severity = SEVERITY[attr(vulnerability, 'severity') ?? ''] ?? 'Info';
  const cwe = /CWE-(\d+)/i.exec(attr(vulnerability, 'cwe_id') ?? '');
  const mitigated =
    (attr(vulnerability, 'mitigation') ?? '').toLowerCase() === 'true' &&
    children(child(vulnerability, 'mitigations'), 'mitigation').length > 0;
  return {
    title: `Vulnerable component: ${library}:${version}`,
    severity,
    cvssv3Score: toFloat(attr(vulnerability, 'cvss_score')),
    vulnerabilityIds: cve ? [cve] : undefined,
    cwe: cwe ? Number(cwe[1]) : undefined,
    componentName: library,
    componentVersion: version,
    date: reportDate,
    description:
      `This library has known vulnerabilities.\n**CVE:** ${cve} ` +
      `(${attr(vulnerability, 'first_found_date') ?? 'None'})\n` +
      `CVS Score: ${attr(vulnerability, 'cvss_score') ?? ''} (${severity})\nSummary: ` +
      `\n>${attr(vulnerability, 'cve_summary') ?? ''}\n\n-----\n\n`,
    mitigated,
    active: !mitigated,
    staticFinding: true,
    dynamicFinding: false,
    tags: ['sca'],
  };
}

function xmlFindings(input: Buffer): { findings: ParsedFinding[]; scanDate?: string } {
  const doc = stripPrefixes(parseXml(input, { arrays: ARRAYS }, 'Veracode XML report')) as Node;
  const root = doc.detailedreport as Node | undefined;
  if (!root || typeof root !== 'object')
    throw new ParseError('Not a Veracode detailed XML report: missing detailedreport root element', { path: '/' });
  const appId = attr(root, 'app_id') ?? '';
  const reportDate = isoDate((attr(root, 'last_update_time') ?? '').replace(/ [A-Z]{2,4}$/, 'Z').replace(' ', 'T'));
  const flaws = new Map<string, ParsedFinding>();
  const sca: ParsedFinding[] = [];
  for (const severity of children(root, 'severity')) {
    for (const category of children(severity, 'category')) {
      const mitigation = categoryMitigation(category);
      for (const cwe of children(category, 'cwe')) {
        for (const kind of ['static', 'dynamic'] as const) {
          for (const flaw of children(child(cwe, `${kind}flaws`), 'flaw')) {
            const issueId = attr(flaw, 'issueid') ?? '';
            if (!flaws.has(issueId)) flaws.set(issueId, flawFinding(appId, flaw, mitigation, kind));
          }
        }
      }
    }
  }
  const components = children(
    child(child(root, 'software_composition_analysis'), 'vulnerable_components'),
    'component',
  );
  for (const component of components) {
    for (const vulnerability of children(child(component, 'vulnerabilities'), 'vulnerability')) {
      sca.push(scaFinding(component, vulnerability, reportDate));
    }
  }
  return { findings: [...flaws.values(), ...sca], scanDate: reportDate };
}

export const veracodeParser: Parser = {
  id: 'veracode',
  scanTypes: ['Veracode Scan'],
  description: 'Veracode detailed XML report (static, dynamic and SCA) or REST findings JSON.',
  fileTypes: ['xml', 'json'],
  dedup: {
    algorithm: 'unique_id_from_tool_or_hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  },
  parse(input) {
    const head = input
      .toString('utf8', 0, Math.min(input.length, 512))
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('{')) return { findings: veracodeJsonFindings(input) };
    return guardParseSync('Veracode XML report', () => xmlFindings(input));
  },
};
