import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseXml, textOf } from '../common/xml.ts';
import { resolveNamespaces } from '../common/xml-namespaces.ts';
import { asRecord, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate } from '../common/fields.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { pyCapitalize, pyStr } from './dojo-format.ts';
import { dependencyComponent, kids, text } from './dependency-check-component.ts';

/** OWASP Dependency-Check XML report (schemas 1.x to 4.x), as DefectDojo's dependency_check parser reads it. */

type Node = JsonRecord;
const SEVERITY: Record<string, Severity> = {
  info: 'Info',
  low: 'Low',
  moderate: 'Medium',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
const CVSS3_CODES: Record<string, Record<string, string>> = {
  attackVector: { NETWORK: 'N', ADJACENT: 'A', LOCAL: 'L', PHYSICAL: 'P' },
  attackComplexity: { LOW: 'L', HIGH: 'H' },
  privilegesRequired: { NONE: 'N', LOW: 'L', HIGH: 'H' },
  userInteraction: { NONE: 'N', REQUIRED: 'R' },
  scope: { UNCHANGED: 'U', CHANGED: 'C' },
  confidentialityImpact: { NONE: 'N', LOW: 'L', HIGH: 'H' },
  integrityImpact: { NONE: 'N', LOW: 'L', HIGH: 'H' },
  availabilityImpact: { NONE: 'N', LOW: 'L', HIGH: 'H' },
};
const CVSS3_KEYS: Array<[string, string]> = [
  ['AV', 'attackVector'],
  ['AC', 'attackComplexity'],
  ['PR', 'privilegesRequired'],
  ['UI', 'userInteraction'],
  ['S', 'scope'],
  ['C', 'confidentialityImpact'],
  ['I', 'integrityImpact'],
  ['A', 'availabilityImpact'],
];

/** A cvssV3 node's metrics as a vector; undefined when a metric is missing or unknown. */
function cvssV3Vector(node: Node): string | undefined {
  const parts: string[] = [];
  for (const [code, name] of CVSS3_KEYS) {
    const raw = text(node, name) ?? '';
    const value = CVSS3_CODES[name][raw] ?? (Object.values(CVSS3_CODES[name]).includes(raw) ? raw : undefined);
    if (!value) return undefined;
    parts.push(`${code}:${value}`);
  }
  return `CVSS:3.1/${parts.join('/')}`;
}

/** Severity: the report's word, overridden by the CVSS v3 metrics, else the CVSS v2 severity. */
function severityAndCvss(vulnerability: Node): { severity: Severity; cvssv3?: string; cvssv3Score?: number } {
  let word = text(vulnerability, 'severity');
  let cvssv3: string | undefined;
  let cvssv3Score: number | undefined;
  const v3 = kids(vulnerability, 'cvssV3')[0];
  const v2 = kids(vulnerability, 'cvssV2')[0];
  if (v3) {
    const parsed = parseCvss3(cvssV3Vector(v3));
    if (parsed) {
      cvssv3 = parsed.vector;
      cvssv3Score = parsed.baseScore;
      word = parsed.baseScore === 0 ? 'None' : parsed.severity;
    }
  } else if (v2) {
    word = pyCapitalize(text(v2, 'severity') ?? '');
  }
  const severity: Severity = word ? (SEVERITY[word.trim().toLowerCase()] ?? 'Medium') : 'Medium';
  return { severity, cvssv3, cvssv3Score };
}

function vulnerabilityFinding(
  dependency: Node,
  vulnerability: Node,
  suppressed: boolean,
  date?: string,
): ParsedFinding | undefined {
  const fileName = text(dependency, 'fileName');
  if (fileName === undefined) return undefined;
  const filePath = text(dependency, 'filePath');
  const name = text(vulnerability, 'name') ?? '';
  const cwesNode = kids(vulnerability, 'cwes')[0];
  const cweTexts = cwesNode
    ? kids(cwesNode, 'cwe')
        .map((n) => textOf(n) ?? '')
        .filter(Boolean)
    : [text(vulnerability, 'cwe')].filter((v): v is string => !!v);
  const cwes = cweTexts
    .map((t) => /^(CWE-)?(\d+)/.exec(t))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[2]));
  let description = text(vulnerability, 'description') ?? '';
  const source = textOf(vulnerability['@_source']);
  if (source) description += `\n**Source:** ${source}`;
  const component = dependencyComponent(dependency);
  const componentName = component.name ?? fileName;
  const componentVersion = component.version;
  let references: string | undefined;
  const referencesNode = kids(vulnerability, 'references')[0];
  if (referencesNode) {
    references = kids(referencesNode, 'reference')
      .map((ref) => {
        const url = text(ref, 'url');
        const refName = text(ref, 'name');
        const head = `**Source:** ${pyStr(text(ref, 'source'))}\n**URL:** ${pyStr(url)}\n`;
        return url === refName ? `${head}\n` : `${head}**Name:** ${pyStr(refName)}\n\n`;
      })
      .join('');
  }
  const tags: string[] = [];
  const update =
    `Update ${pyStr(componentName)}:${pyStr(componentVersion)} to at least the version recommended in ` +
    `the description`;
  let mitigation = update;
  if (suppressed) {
    let notes = textOf(findNotes(vulnerability));
    if (notes === undefined) {
      notes = 'Document on why we are suppressing this vulnerability is missing!';
      tags.push('no_suppression_document');
    }
    mitigation = `**This vulnerability is mitigated and/or suppressed:** ${notes}\n${update}`;
    tags.push('suppressed');
  } else {
    description += `\n**Filepath:** ${pyStr(filePath)}`;
  }
  const finding: ParsedFinding = {
    title: `${pyStr(componentName)}:${pyStr(componentVersion)} | ${name}`,
    filePath: fileName,
    cwe: cwes[0] ?? 1035,
    description,
    mitigation,
    mitigated: suppressed || undefined,
    active: !suppressed,
    staticFinding: true,
    dynamicFinding: false,
    references,
    componentName,
    componentVersion: componentVersion ?? undefined,
    purl: component.purl,
    date,
    ...severityAndCvss(vulnerability),
  };
  if (tags.length) finding.tags = tags;
  const cve = name.slice(0, 28);
  if (cve.startsWith('CVE')) finding.vulnerabilityIds = [cve];
  return finding;
}

function findNotes(node: Node): unknown {
  if ('notes' in node) return kids(node, 'notes')[0];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text' || typeof value !== 'object' || value === null) continue;
    for (const child of kids(node, key)) {
      const found = findNotes(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function dependencyCheckFindings(xml: string) {
  const doc = resolveNamespaces(parseXml(xml, {}, 'Dependency-Check XML report'), []) as Node;
  const root = asRecord(doc.analysis);
  if (!root) throw new ParseError('Not a Dependency-Check report: root element <analysis> is missing', { path: '/' });
  const scanDate = isoDate(text(kids(root, 'projectInfo')[0], 'reportDate'));
  const unique = new Map<string, ParsedFinding>();
  const add = (finding: ParsedFinding | undefined) => {
    if (!finding) return;
    const key = `${finding.title}|${pyStr(finding.cwe)}|${pyStr(finding.filePath).toLowerCase()}`;
    if (!unique.has(key)) unique.set(key, finding);
  };
  const dependencies = kids(root, 'dependencies')[0];
  for (const dependency of dependencies ? kids(dependencies, 'dependency') : []) {
    const vulnerabilities = kids(dependency, 'vulnerabilities')[0];
    if (!vulnerabilities) continue;
    const related = relatedBlock(dependency);
    for (const [tag, suppressed] of [
      ['vulnerability', false],
      ['suppressedVulnerability', true],
    ] as const) {
      for (const vulnerability of kids(vulnerabilities, tag)) {
        const finding = vulnerabilityFinding(dependency, vulnerability, suppressed, scanDate);
        if (finding && related) finding.description += related;
        add(finding);
      }
    }
  }
  return { findings: [...unique.values()], scanDate };
}

/** Related (bundled) dependencies are listed in the description rather than becoming findings. */
function relatedBlock(dependency: Node): string {
  const related = kids(dependency, 'relatedDependencies')[0];
  const entries = (related ? kids(related, 'relatedDependency') : [])
    .map((rd) => ({ name: text(rd, 'fileName'), path: (text(rd, 'filePath') ?? '').trim() }))
    .filter((e) => e.name)
    .map((e) => (e.path ? `- ${e.name} (${e.path})` : `- ${e.name}`));
  return entries.length ? `\n**Related Filepaths:**\n${entries.join('\n')}` : '';
}

export const dependencyCheckParser: Parser = {
  id: 'dependency-check',
  scanTypes: ['Dependency Check Scan'],
  description: 'OWASP Dependency-Check XML report.',
  fileTypes: ['xml'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'filePath'] },
  parse(input) {
    const text = input.toString('utf8').replace(/^\uFEFF/, '');
    if (/^\s*[{[]/.test(text)) {
      throw new ParseError(
        'Dependency-Check JSON is not supported (DefectDojo imports the XML report); run with --format XML',
        { line: 1 },
      );
    }
    return guardParseSync('Dependency-Check report', () => dependencyCheckFindings(text));
  },
};
