import { ParseError, type ParsedFinding, type Parser, type ParseResult, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { toFloat, toInt } from '../common/fields.ts';
import { pyStr, pyTitle } from './dojo-format.ts';
import { snykCodeFindings } from './snyk-code.ts';

/**
 * `snyk test --json` (open source): one project object or an array of projects (--all-projects).
 * Every entry of "vulnerabilities" is one finding (one per dependency path), as in DefectDojo.
 * SARIF input is handed to the Snyk Code reader, as DefectDojo does.
 */

function snykSeverity(vuln: JsonRecord): Severity {
  const score = vuln.cvssScore;
  if (has(vuln, 'cvssScore') && score !== null && score !== undefined) {
    const s = toFloat(score) ?? 0;
    if (s <= 3.9) return 'Low';
    if (s <= 6.9) return 'Medium';
    if (s <= 8.9) return 'High';
    return 'Critical';
  }
  return normalizeSeverity(pyTitle(asText(vuln.severity) ?? ''), 'Info');
}

/** Dependency path without versions: "app > lodash > minimist". */
function vulnerablePath(from: string[]): string {
  return from.map((item) => item.split('@').slice(0, -1).join('@')).join(' > ');
}

function vulnerabilityFinding(vuln: JsonRecord, targetFile?: string, upgrades?: JsonRecord): ParsedFinding {
  const semver = asRecord(vuln.semver) ?? {};
  const vulnerable = Array.isArray(semver.vulnerable)
    ? semver.vulnerable.map((v) => asText(v) ?? '').join(', ')
    : pyStr(semver.vulnerable);
  const severity = snykSeverity(vuln);
  const from = asList(vuln.from).map((f) => asText(f) ?? '');
  let description =
    `## Component Details\n - **Vulnerable Package**: ${pyStr(vuln.packageName)}\n- **Current ` +
    `Version**: ${pyStr(vuln.version)}` +
    `\n- **Vulnerable Version(s)**: ${vulnerable}\n- **Vulnerable ` +
    `Path**: ${from.join(' > ')}\n${pyStr(vuln.description)}`;
  description = description.trim();
  const finding: ParsedFinding = {
    title: `${from[0] ?? 'None'}: ${pyStr(vuln.title)}`,
    severity,
    severityJustification: `Issue severity of: **${severity}** from a base CVSS score of: **${pyStr(vuln.cvssScore)}**`,
    description,
    mitigation: 'A fix (if available) will be provided in the description.',
    componentName: asText(vuln.packageName),
    componentVersion: asText(vuln.version),
    falsePositive: false,
    impact: severity,
    staticFinding: true,
    dynamicFinding: false,
    filePath: vulnerablePath(from),
    vulnIdFromTool: asText(vuln.id),
  };
  const tags: string[] = [];
  const vector = asText(vuln.CVSSv3);
  const cvss = parseCvss3(vector);
  if (cvss) {
    finding.cvssv3 = vector?.trim();
    finding.cvssv3Score = cvss.baseScore;
  }
  const epss = asRecord(vuln.epssDetails);
  if (epss) {
    finding.epssScore = toFloat(epss.probability);
    finding.epssPercentile = toFloat(epss.percentile);
  }
  const identifiers = asRecord(vuln.identifiers);
  let cweReferences = '';
  if (identifiers) {
    const cves = asList(identifiers.CVE)
      .map((c) => asText(c))
      .filter((c): c is string => !!c);
    if (cves.length) finding.vulnerabilityIds = cves;
    if (has(identifiers, 'CWE')) {
      const cwes = asList(identifiers.CWE).map((c) => asText(c) ?? '');
      finding.cwe = cwes.length ? toInt(cwes[0].split('-')[1]) : 1035;
      if (cwes.length > 1) cweReferences = cwes.join(', ');
    }
  }
  let references = has(vuln, 'id') ? `**SNYK ID**: https://app.snyk.io/vuln/${pyStr(vuln.id)}\n\n` : '';
  if (cweReferences) references += `Several CWEs were reported: \n\n${cweReferences}\n`;
  for (const item of asList(vuln.references)) {
    const ref = asRecord(item) ?? {};
    references += `**${pyStr(ref.title)}**: ${pyStr(ref.url)}\n`;
  }
  finding.references = references || undefined;
  const remediation = description.indexOf('## Remediation');
  const refsAt = description.indexOf('## References');
  if (remediation !== -1 && refsAt !== -1) finding.mitigation = description.slice(remediation, refsAt);
  if (targetFile) {
    tags.push(`target_file:${targetFile}`);
    finding.mitigation += `\nUpgrade Location: ${targetFile}`;
  }
  for (const [current, meta] of Object.entries(upgrades ?? {})) {
    const upgrade = asRecord(meta) ?? {};
    const list = asList(upgrade.upgrades).map((u) => asText(u) ?? '');
    if (list.some((lib) => (finding.mitigation ?? '').includes(lib.split('@')[0]))) {
      tags.push(`upgrade_to:${pyStr(upgrade.upgradeTo)}`);
      finding.mitigation +=
        `\nUpgrade from ${current} to ${pyStr(upgrade.upgradeTo)} to fix this issue, as well as ` +
        `updating the following:\n - ${list.join('\n - ')}`;
    }
  }
  if (tags.length) finding.tags = tags;
  return finding;
}

function projectFindings(project: unknown, path: string): ParsedFinding[] {
  const tree = asRecord(project);
  if (!tree) {
    if (project === null || project === undefined || project === false) return [];
    throw new ParseError(`Snyk report: ${path} is not a project object`, { path });
  }
  if (has(tree, 'vulnerabilities')) {
    const targetFile = asText(tree.displayTargetFile);
    const upgrades = asRecord(asRecord(tree.remediation)?.upgrade);
    return asList(tree.vulnerabilities).map((v, i) => {
      const vuln = asRecord(v);
      if (!vuln)
        throw new ParseError(`Snyk report: ${path}.vulnerabilities[${i}] is not an object`, {
          path: `${path}.vulnerabilities[${i}]`,
        });
      return vulnerabilityFinding(vuln, targetFile, upgrades);
    });
  }
  if (Array.isArray(tree.runs) && asList(asRecord(tree.runs[0])?.results).length > 0)
    return snykCodeFindings(tree).findings;
  if (Object.keys(tree).length === 0 || has(tree, 'ok') || has(tree, 'runs')) return [];
  throw new ParseError(`Not a Snyk report: ${path} has no "vulnerabilities"`, { path });
}

function snykFindings(doc: unknown): ParseResult {
  if (Array.isArray(doc)) return { findings: doc.flatMap((p, i) => projectFindings(p, `[${i}]`)) };
  return { findings: projectFindings(doc, '$') };
}

export const snykParser: Parser = {
  id: 'snyk',
  scanTypes: ['Snyk Scan'],
  description: 'Snyk open-source test JSON (snyk test --json), single or multi-project.',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['vulnIdFromTool', 'filePath', 'componentName', 'componentVersion'] },
  parse(input) {
    const doc = parseJson(input, 'Snyk report');
    return guardParseSync('Snyk report', () => snykFindings(doc));
  },
};
