import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { pyStr } from './dojo-format.ts';

/**
 * Clair JSON in the two forms DefectDojo reads: clair-scanner ({"image", "vulnerabilities": [...]})
 * and klar ({"LayerCount", "Vulnerabilities": {"High": [...], ...}}).
 */

const KLAR_SEVERITIES = ['Unknown', 'Negligible', 'Low', 'Medium', 'High', 'Critical', 'Defcon1'];

function clairFinding(node: JsonRecord): ParsedFinding {
  const raw = asText(node.severity);
  const severity: Severity = raw === 'Negligible' || raw === 'Unknown' ? 'Info' : normalizeSeverity(raw, 'Info');
  const vulnerability = asText(node.vulnerability);
  return {
    title: `${pyStr(node.vulnerability)} - (${pyStr(node.featurename)}, ${pyStr(node.featureversion)})`,
    severity,
    description:
      `${pyStr(node.description)}\n Vulnerable feature: ${pyStr(node.featurename)}\n Vulnerable ` +
      `Versions: ${pyStr(node.featureversion)}` +
      `\n Fixed by: ${pyStr(node.fixedby)}\n Namespace: ${pyStr(node.namespace)}\n CVE: ${pyStr(node.vulnerability)}`,
    mitigation: asText(node.fixedby),
    references: asText(node.link),
    componentName: asText(node.featurename),
    componentVersion: asText(node.featureversion),
    falsePositive: false,
    staticFinding: true,
    dynamicFinding: false,
    impact: 'No impact provided',
    vulnerabilityIds: vulnerability ? [vulnerability] : undefined,
  };
}

function klarFinding(node: JsonRecord): ParsedFinding {
  const raw = asText(node.Severity);
  const severity: Severity =
    raw === 'Negligible'
      ? 'Info'
      : raw === 'Unknown' || raw === 'Defcon1'
        ? 'Critical'
        : normalizeSeverity(raw, 'Info');
  let description = '';
  if (has(node, 'Description')) description += `${pyStr(node.Description)}\n<br /> `;
  if (has(node, 'FeatureName')) description += `Vulnerable feature: ${pyStr(node.FeatureName)}\n<br />`;
  if (has(node, 'FeatureVersion')) description += ` Vulnerable Versions: ${pyStr(node.FeatureVersion)}`;
  let mitigation = 'A patch could not been found';
  if (has(node, 'FixedBy')) {
    description += `\n Fixed by: ${pyStr(node.FixedBy)}`;
    mitigation = `Please use version ${pyStr(node.FixedBy)} of library ${pyStr(node.FeatureName)}`;
  }
  const name = asText(node.Name);
  return {
    title: `${pyStr(node.Name)} - (${pyStr(node.FeatureName)}, ${pyStr(node.FeatureVersion)})`,
    severity,
    description,
    mitigation,
    references: asText(node.Link) || undefined,
    componentName: asText(node.FeatureName),
    componentVersion: asText(node.FeatureVersion),
    falsePositive: false,
    cwe: 1035,
    staticFinding: true,
    dynamicFinding: false,
    impact: 'No impact provided',
    // DefectDojo records no vulnerability id for klar findings (it is part of the hash code).
    vulnIdFromTool: name,
  };
}

/** Keeps the last finding per key at the position of the first, like a Python dict. */
function lastPerKey(
  nodes: unknown[],
  key: (n: JsonRecord) => string,
  build: (n: JsonRecord) => ParsedFinding,
  path: string,
): ParsedFinding[] {
  const out = new Map<string, ParsedFinding>();
  nodes.forEach((item, i) => {
    const node = asRecord(item);
    if (!node) throw new ParseError(`Clair report: ${path}[${i}] is not an object`, { path: `${path}[${i}]` });
    out.set(key(node), build(node));
  });
  return [...out.values()];
}

function clairFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report) throw new ParseError('Not a Clair report: expected a JSON object', { path: '$' });
  if (report.image) {
    if (
      report.vulnerabilities !== undefined &&
      report.vulnerabilities !== null &&
      !Array.isArray(report.vulnerabilities)
    ) {
      throw new ParseError('Clair report: "vulnerabilities" is not an array', { path: 'vulnerabilities' });
    }
    return lastPerKey(
      asList(report.vulnerabilities),
      (n) => pyStr(n.vulnerability) + pyStr(n.featurename),
      clairFinding,
      'vulnerabilities',
    );
  }
  if (report.LayerCount) {
    const bySeverity = asRecord(report.Vulnerabilities) ?? {};
    return KLAR_SEVERITIES.flatMap((severity) =>
      lastPerKey(
        asList(bySeverity[severity]),
        (n) => pyStr(n.Name) + pyStr(n.FeatureName),
        klarFinding,
        `Vulnerabilities.${severity}`,
      ),
    );
  }
  throw new ParseError('Not a Clair report: missing "image" (clair-scanner) or "LayerCount" (klar)', { path: '$' });
}

export const clairParser: Parser = {
  id: 'clair',
  scanTypes: ['Clair Scan'],
  description: 'Clair JSON report from clair-scanner or the klar client.',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'vulnerabilityIds', 'description', 'severity'] },
  parse(input) {
    const doc = parseJson(input, 'Clair report');
    return guardParseSync('Clair report', () => ({ findings: clairFindings(doc) }));
  },
};
