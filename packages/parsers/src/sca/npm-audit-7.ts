import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';

/**
 * `npm audit --json` from npm 7+ (auditReportVersion 2), also wrapped under "audit" by
 * `npm audit fix --dry-run --json`. Every key of "vulnerabilities" is one finding, deduplicated
 * on title + severity (the last one wins), as DefectDojo counts them.
 */

const SEVERITIES: Record<string, Severity> = { low: 'Low', moderate: 'Medium', high: 'High', critical: 'Critical' };

function fixText(node: JsonRecord, prefix: string): string {
  const fix = asRecord(node.fixAvailable);
  return fix
    ? `${prefix}Update ${pyStr(fix.name)} to version ${pyStr(fix.version)}`
    : 'No specific mitigation provided by tool.';
}

function describe(node: JsonRecord, tree: JsonRecord): string {
  let text = `${pyStr(node.name)} ${pyStr(node.range)}\nSeverity: ${pyStr(node.severity)}\n`;
  for (const via of asList(node.via)) {
    const v = asRecord(via);
    text += v ? `${pyStr(v.title)} - ${pyStr(v.url)}\n` : `Depends on vulnerable versions of ${pyStr(via)}\n`;
  }
  text += `${fixText(node, 'Fix Available: ')}\n`;
  for (const n of asList(node.nodes)) text += `${pyStr(n)}\n`;
  const handled: string[] = [];
  for (const effectName of asList(node.effects)) {
    const effect = asRecord(tree[String(effectName)]) ?? {};
    const effectPkg = pyStr(effect.name);
    text += `  ${effectPkg} ${pyStr(effect.range)}\n`;
    handled.push(effectPkg);
    for (const ev of asList(effect.via)) {
      const evName = asRecord(ev) ? pyStr(asRecord(ev)?.name) : pyStr(ev);
      if (effectPkg !== evName) text += `  Depends on vulnerable versions of ${evName}\n`;
    }
    for (const en of asList(effect.nodes)) text += `  ${pyStr(en)}\n`;
    for (const ee of asList(effect.effects)) {
      if (handled.includes(String(ee))) continue;
      const nested = asRecord(tree[String(ee)]) ?? {};
      text += `    ${pyStr(nested.name)} ${pyStr(nested.range)}\n`;
      for (const en of asList(effect.nodes)) text += `    ${pyStr(en)}\n`;
    }
  }
  return text;
}

function vulnerabilityFinding(node: JsonRecord, tree: JsonRecord): ParsedFinding {
  const severity = SEVERITIES[asText(node.severity) ?? ''] ?? 'Info';
  const via = asList(node.via);
  const first = asRecord(via[0]);
  const references: string[] = [];
  let title = '';
  let componentName: string | undefined;
  let cwe: number | undefined;
  let vulnId = '';
  let cvssv3: string | undefined;
  if (typeof via[0] === 'string') {
    title = asText(node.name) ?? '';
    componentName = title;
    cwe = 1035;
  } else if (first) {
    title = asText(first.title) ?? '';
    componentName = asText(asList(node.nodes)[0]);
    const cwes = asList(first.cwe);
    cwe = cwes.length ? toInt(String(asText(cwes[0]) ?? '').split('-')[1]) : undefined;
    if (first.url !== undefined) references.push(pyStr(first.url));
    vulnId = pyStr(first.source);
    cvssv3 = asText(asRecord(first.cvss)?.vectorString) || undefined;
    for (const more of via.slice(1)) {
      const v = asRecord(more);
      if (v) references.push(pyStr(v.url));
    }
  } else {
    title = asText(node.name) ?? '';
    componentName = title;
  }
  return {
    title,
    severity,
    description: describe(node, tree),
    mitigation: fixText(node, ''),
    references: references.join(', ') || undefined,
    componentName,
    falsePositive: false,
    impact: 'No impact provided',
    staticFinding: true,
    dynamicFinding: false,
    vulnIdFromTool: vulnId || undefined,
    cwe,
    cvssv3,
  };
}

function npmAuditFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report) throw new ParseError('Not an npm audit report: expected a JSON object', { path: '$' });
  const audit = report.audit ? asRecord(report.audit) : report;
  if (!audit?.auditReportVersion) {
    const legacy = report.advisories !== undefined ? ' (this is npm 6 output: use "NPM Audit Scan")' : '';
    throw new ParseError(`Not an npm audit v7+ report: missing "auditReportVersion"${legacy}`, {
      path: report.audit ? 'audit.auditReportVersion' : 'auditReportVersion',
    });
  }
  const tree = asRecord(audit.vulnerabilities);
  if (audit.vulnerabilities !== undefined && audit.vulnerabilities !== null && !tree) {
    throw new ParseError('npm audit report: "vulnerabilities" is not an object', { path: 'vulnerabilities' });
  }
  const unique = new Map<string, ParsedFinding>();
  for (const [name, value] of Object.entries(tree ?? {})) {
    const node = asRecord(value);
    if (!node)
      throw new ParseError(`npm audit report: vulnerabilities["${name}"] is not an object`, {
        path: `vulnerabilities.${name}`,
      });
    const finding = vulnerabilityFinding(node, tree ?? {});
    unique.set(finding.title + finding.severity, finding);
  }
  return [...unique.values()];
}

export const npmAudit7Parser: Parser = {
  id: 'npm-audit-7-plus',
  scanTypes: ['NPM Audit v7+ Scan'],
  description: 'npm audit --json output from npm 7 and later.',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'cwe', 'vulnIdFromTool'] },
  parse(input) {
    const doc = parseJson(input, 'npm audit report');
    return guardParseSync('npm audit report', () => ({ findings: npmAuditFindings(doc) }));
  },
};
