import type { ParsedFinding, Severity } from '../parser.ts';
import { asList, asRecord, asText, type JsonRecord } from '../common/json-shape.ts';
import { toFloat } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';

/**
 * SonarQube Web API JSON (api/issues/search, api/hotspots/search) as DefectDojo's "SonarQube Scan"
 * reads it: one finding per BUG, VULNERABILITY or CODE_SMELL issue and per hotspot, no merging.
 * (DefectDojo leaves file_path empty on BUG issues; Vigil keeps the component path there too.)
 */

function sonarSeverity(raw: unknown): Severity {
  const word = asText(raw) ?? '';
  if (word === 'BLOCKER') return 'High';
  if (word === 'MAJOR') return 'Medium';
  if (word === 'MINOR') return 'Low';
  return normalizeSeverity(word, 'Info');
}

function componentText(report: JsonRecord, key: string | undefined): string {
  const component = asList(report.components)
    .map(asRecord)
    .find((c) => c && asText(c.key) === key);
  if (!component) return '';
  return Object.entries(component)
    .map(([k, v]) => `**Componentkey ${k}**: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`)
    .join('');
}

function lines(pairs: Array<[string, unknown]>): string {
  return pairs
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => {
      const text = Array.isArray(v)
        ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')
        : (asText(v) ?? JSON.stringify(v));
      return `**${k}:** ${text}\n`;
    })
    .join('');
}

function vulnerabilityIds(message: string): string[] {
  const ids: string[] = [];
  for (const m of message.matchAll(/References?: (CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})/g))
    ids.push(m[1]);
  return ids;
}

function issueFinding(issue: JsonRecord, report: JsonRecord): ParsedFinding | undefined {
  const type = asText(issue.type);
  if (type !== 'BUG' && type !== 'VULNERABILITY' && type !== 'CODE_SMELL') return undefined;
  const key = asText(issue.key) ?? '';
  const rule = asText(issue.rule) ?? '';
  const component = asText(issue.component);
  const message = asText(issue.message) ?? '';
  let description = lines([
    ['key', type === 'CODE_SMELL' ? undefined : key],
    ['rule', rule],
    ['component', component],
    ['project', issue.project],
    ['line', type === 'VULNERABILITY' ? undefined : (asText(issue.line) ?? 'None')],
    ['status', issue.status],
    ['message', message],
    ['tags', asList(issue.tags)],
    ['scope', issue.scope],
  ]);
  description += componentText(report, component);
  const base: ParsedFinding = {
    title: `${rule}_${key}`,
    description,
    severity: sonarSeverity(issue.severity),
    uniqueIdFromTool: key || undefined,
    staticFinding: true,
    dynamicFinding: false,
  };
  if (type === 'BUG') return { ...base, filePath: component, tags: ['bug'] };
  if (type === 'CODE_SMELL') return { ...base, filePath: component, tags: ['code_smell'] };
  const cwe = /Category: CWE-(\d{1,5})/.exec(message);
  const cvss = /CVSS Score: (\d.\d)/.exec(message);
  const comp = /Filename: (.*?) \| /.exec(message);
  const [componentName, componentVersion] = comp ? comp[1].split(':') : [];
  const ids = vulnerabilityIds(message);
  return {
    ...base,
    cwe: cwe ? Number(cwe[1]) : undefined,
    cvssv3Score: toFloat(cvss?.[1]),
    componentName,
    componentVersion,
    filePath: component,
    vulnerabilityIds: ids.length ? ids : undefined,
    tags: ['vulnerability'],
  };
}

function hotspotFinding(hotspot: JsonRecord, report: JsonRecord): ParsedFinding {
  const key = asText(hotspot.key) ?? '';
  const component = asText(hotspot.component);
  const ruleKey = asText(hotspot.ruleKey) ?? '';
  let description = lines([
    ['key', key],
    ['component', component],
    ['project', hotspot.project],
    ['securityCategory', hotspot.securityCategory],
    ['status', hotspot.status],
    ['line', asText(hotspot.line) ?? 'None'],
    ['message', hotspot.message],
    ['ruleKey', ruleKey],
  ]);
  description += componentText(report, component);
  return {
    title: `${ruleKey}_${key}`,
    description,
    severity: sonarSeverity(hotspot.vulnerabilityProbability),
    filePath: component,
    uniqueIdFromTool: key || undefined,
    staticFinding: true,
    dynamicFinding: false,
    tags: ['hotspot'],
  };
}

export function sonarRestApiFindings(report: JsonRecord): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const entry of asList(report.issues)) {
    const issue = asRecord(entry);
    const finding = issue && issueFinding(issue, report);
    if (finding) findings.push(finding);
  }
  for (const entry of asList(report.hotspots)) {
    const hotspot = asRecord(entry);
    if (hotspot) findings.push(hotspotFinding(hotspot, report));
  }
  return findings;
}
