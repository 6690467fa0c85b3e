import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { toFloat } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';

/** anchore-cli / anchore-engine `image vuln <image> all` JSON, plus the anchorectl securityEvaluation form. */

function anchoreSeverity(raw: unknown): Severity {
  const word = asText(raw) ?? 'Unknown';
  if (['negligible', 'unknown'].includes(word.toLowerCase())) return 'Info';
  return normalizeSeverity(word, 'Info');
}

function validScore(raw: unknown): number | undefined {
  const score = toFloat(raw);
  return score !== undefined && score >= 0 && score <= 10 ? score : undefined;
}

/** CVSS v3 base score: NVD data for the nvd feeds, else the first vendor entry that is not -1. */
function cvssScore(item: JsonRecord): number | undefined {
  const feed = asText(item.feed);
  const cvss3 = (entry: unknown) => asRecord(asRecord(entry)?.cvss_v3)?.base_score;
  if (feed === 'nvdv2' || feed === 'vulnerabilities') return validScore(cvss3(asList(item.nvd_data)[0]));
  const vendor = asList(item.vendor_data);
  for (const entry of vendor.slice(0, 2)) {
    const score = cvss3(entry);
    if (has(asRecord(entry), 'cvss_v3') && toFloat(score) !== -1) return validScore(score);
  }
  return undefined;
}

function vulnerabilityFinding(item: JsonRecord): ParsedFinding {
  const digest = pyStr(item.image_digest ?? item.imageDigest ?? 'None');
  const description =
    [
      `**Image hash**: ${digest}`,
      `**Package**: ${pyStr(item.package)}`,
      `**Package path**: ${pyStr(item.package_path)}`,
      `**Package type**: ${pyStr(item.package_type)}`,
      `**Feed**: ${pyStr(item.feed)}/${pyStr(item.feed_group)}`,
      `**CPE**: ${pyStr(item.package_cpe)}`,
      `**Description**: ${has(item, 'description') ? pyStr(item.description) : '<None>'}`,
    ].join('\n\n') + '\n\n';
  const vuln = asText(item.vuln);
  return {
    title: `${pyStr(item.vuln)} - ${pyStr(item.package)}(${pyStr(item.package_type)})`,
    cvssv3Score: cvssScore(item),
    description,
    severity: anchoreSeverity(item.severity),
    mitigation: `Upgrade to ${pyStr(item.package_name)} ${pyStr(item.fix)}\nURL: ${pyStr(item.url)}\n`,
    references: asText(item.url),
    filePath: asText(item.package_path),
    componentName: asText(item.package_name),
    componentVersion: asText(item.package_version),
    staticFinding: true,
    dynamicFinding: false,
    vulnIdFromTool: vuln,
    vulnerabilityIds: vuln ? [vuln] : undefined,
  };
}

function vulnerabilityKey(item: JsonRecord): string {
  return [
    item.image_digest ?? item.imageDigest ?? 'None',
    item.feed,
    item.feed_group,
    item.package_name,
    item.package_version,
    item.package_path,
    item.vuln,
  ]
    .map(pyStr)
    .join('|');
}

function evaluationFinding(item: JsonRecord, details: string): ParsedFinding {
  const id = asText(item.vulnerabilityId) ?? 'Unknown';
  const fix = asText(item.fixAvailable);
  const mitigation =
    fix && fix !== 'None'
      ? `Upgrade to: ${fix.split(',').join(' or ')}\n\nURL: ${asText(item.link) ?? 'None'}`
      : 'No fix available.';
  return {
    title: `${id}-${asText(item.package) ?? 'Unknown'}(${asText(item.packageType) ?? 'Unknown'})`,
    cvssv3Score: validScore(item.nvdCvssBaseScore),
    description: details,
    severity: anchoreSeverity(item.severity),
    mitigation,
    references: asText(item.link),
    filePath: asText(item.path),
    componentName: asText(item.package),
    staticFinding: true,
    dynamicFinding: false,
    vulnIdFromTool: id,
    vulnerabilityIds: [id],
  };
}

function anchoreFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report) throw new ParseError('Not an Anchore Engine report: expected a JSON object', { path: '$' });
  const unique = new Map<string, ParsedFinding>();
  if (report.metadata) {
    const metadata = asRecord(report.metadata) ?? {};
    let details = `**Image hash**: ${asText(metadata.imageDigest ?? metadata.image_digest) ?? 'None'} \n\n`;
    for (const entry of asList(report.securityEvaluation)) {
      const item = asRecord(entry) ?? {};
      details +=
        `**Package**: ${asText(item.package) ?? 'Unknown'}\n\n**Package path**: ` +
        `${asText(item.path) ?? 'Unknown'}\n\n**Package type**: ${asText(item.packageType) ?? 'Unknown'}\n\n`;
      const key = [item.cves, item.package, item.packageType, item.path, item.severity]
        .map((v) => asText(v) ?? 'None')
        .join('|');
      if (!unique.has(key)) unique.set(key, evaluationFinding(item, details));
    }
    return [...unique.values()];
  }
  if (!Array.isArray(report.vulnerabilities)) {
    throw new ParseError('Not an Anchore Engine report: missing "vulnerabilities" array', { path: 'vulnerabilities' });
  }
  report.vulnerabilities.forEach((entry, i) => {
    const item = asRecord(entry);
    if (!item || !has(item, 'vuln') || !has(item, 'package')) {
      throw new ParseError(`Anchore Engine report: vulnerabilities[${i}] lacks "vuln"/"package"`, {
        path: `vulnerabilities[${i}]`,
      });
    }
    const key = vulnerabilityKey(item);
    if (!unique.has(key)) unique.set(key, vulnerabilityFinding(item));
  });
  return [...unique.values()];
}

export const anchoreEngineParser: Parser = {
  id: 'anchore-engine',
  scanTypes: ['Anchore Engine Scan'],
  description: 'Anchore Engine / anchore-cli image vulnerability JSON report.',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'componentName', 'componentVersion', 'filePath'] },
  parse(input) {
    const doc = parseJson(input, 'Anchore Engine report');
    return guardParseSync('Anchore Engine report', () => ({ findings: anchoreFindings(doc) }));
  },
};
