import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { resultFindings, serviceName } from './trivy-results.ts';
import { streamTrivy } from './trivy-stream.ts';

function clusterFindings(report: JsonRecord): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const section of ['Vulnerabilities', 'Misconfigurations', 'Resources']) {
    asList(report[section]).forEach((item, i) => {
      const resource = asRecord(item);
      if (!resource)
        throw new ParseError(`Trivy Kubernetes report: ${section}[${i}] is not an object`, {
          path: `${section}[${i}]`,
        });
      findings.push(...resultFindings(asList(resource.Results), serviceName(resource) || undefined));
    });
  }
  return findings;
}

function trivyFindings(doc: unknown): ParsedFinding[] {
  if (doc === null) return [];
  if (Array.isArray(doc)) return resultFindings(doc);
  const report = asRecord(doc);
  if (!report) throw new ParseError('Not a Trivy report: expected a JSON object or a list of results', { path: '$' });
  if (report.SchemaVersion === 2) {
    if (report.Results !== undefined && report.Results !== null && !Array.isArray(report.Results)) {
      throw new ParseError('Trivy report: "Results" is not an array', { path: 'Results' });
    }
    return resultFindings(asList(report.Results));
  }
  if (report.ClusterName !== undefined && report.ClusterName !== null) return clusterFindings(report);
  if (report.SchemaVersion !== undefined) {
    throw new ParseError(`Not a supported Trivy report: SchemaVersion ${String(report.SchemaVersion)} (expected 2)`, {
      path: 'SchemaVersion',
    });
  }
  throw new ParseError('Not a Trivy report: missing "SchemaVersion" (2) and "ClusterName"', { path: '$' });
}

/** Trivy JSON: legacy list of results, SchemaVersion 2, and the Kubernetes cluster report. */
export const trivyParser: Parser = {
  id: 'trivy',
  scanTypes: ['Trivy Scan'],
  description: 'Trivy JSON report (image, filesystem, repository, config and Kubernetes scans).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'vulnerabilityIds', 'cwe', 'description'] },
  parse(input) {
    const doc = parseJson(input, 'Trivy report');
    const findings = guardParseSync('Trivy report', () => trivyFindings(doc));
    const created = asText(asRecord(doc)?.CreatedAt);
    return { findings, scanDate: created ? created.slice(0, 10) : undefined };
  },
  stream: (source) => streamTrivy(source, trivyFindings),
};
