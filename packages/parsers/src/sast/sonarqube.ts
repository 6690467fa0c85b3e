import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { decodeXmlText } from '../common/xml.ts';
import { isZip, readZip } from '../common/zip.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import { sonarRestApiFindings } from './sonarqube-restapi.ts';

/**
 * "SonarQube Scan" / "SonarQube Scan detailed", file-based as in DefectDojo:
 * - soprasteria sonar-report JSON (--save-report-json): the plain type aggregates issues per
 *   CWE + title + rule description + file (occurrences); "detailed" keeps one per issue key;
 * - SonarQube Web API JSON (api/issues/search, api/hotspots/search responses), or a ZIP of such
 *   pages: one finding per issue/hotspot.
 * Decision: the Web API export is accepted under "SonarQube Scan" (what DefectDojo does) rather
 * than under a new scan-type name; "SonarQube API Import" stays API-driven and is not a file type.
 * The HTML flavour of sonar-report is not supported.
 * DefectDojo answers 0 findings for a sonar-report JSON whose hotspotKeys is empty and for an
 * API page without "paging"/"components"; Vigil keeps that (count parity) but reports a JSON
 * of neither shape as a ParseError.
 */

function soprasteriaSeverity(raw: string): Severity {
  const word = raw.toLowerCase();
  if (word === 'blocker') return 'Critical';
  if (word === 'critical') return 'High';
  if (word === 'major') return 'Medium';
  if (word === 'minor') return 'Low';
  if (word === 'high' || word === 'medium' || word === 'low')
    return (word[0].toUpperCase() + word.slice(1)) as Severity;
  return 'Info';
}

const stripTags = (html: string): string => decodeXmlText(html.replace(/<[^>]*>/g, '')).trim();

function ruleDetails(
  rule: JsonRecord | undefined,
  ruleId: string,
): { description: string; references: string; cwe: number } {
  const html = asText(rule?.htmlDesc);
  if (!rule || html === undefined) return { description: 'No description provided', references: '', cwe: 0 };
  const description = stripTags(
    html
      .split('<h2>See', 1)[0]
      .replace(/<h2>/g, '**')
      .replace(/<\/h2>/g, '**'),
  );
  const links = [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)].map((m) => stripTags(m[1]));
  const references = [ruleId, ...links].join('\n');
  const cwe = /CWE-(\d+)/i.exec(references);
  return { description, references, cwe: cwe ? Number(cwe[1]) : 0 };
}

function soprasteriaFindings(report: JsonRecord, detailed: boolean): ParsedFinding[] {
  const rules = asRecord(report.rules) ?? {};
  const merged = new OccurrenceMap();
  asList(report.issues).forEach((entry, i) => {
    const path = `issues[${i}]`;
    const issue = asRecord(entry);
    if (!issue) throw new ParseError(`sonar-report JSON: ${path} is not an object`, { path });
    const ruleId = asText(issue.rule) ?? '';
    const title = asText(issue.description);
    const message = asText(issue.message);
    if (title === undefined || message === undefined) {
      throw new ParseError(`sonar-report JSON: ${path} lacks a description or a message (rule ${ruleId})`, { path });
    }
    const filePath = asText(issue.component);
    const line = asText(issue.line) ?? 'None';
    const { description, references, cwe } = ruleDetails(asRecord(rules[ruleId]), ruleId);
    const base: ParsedFinding = {
      title,
      cwe: cwe || undefined,
      filePath,
      severity: soprasteriaSeverity(asText(issue.severity) ?? ''),
      mitigation: message,
      references,
      impact: 'No impact provided',
      falsePositive: false,
      staticFinding: true,
      dynamicFinding: false,
    };
    const key = `${cwe}|${title}|${description}|${filePath}`;
    if (detailed) {
      const issueKey = asText(issue.key) ?? '';
      merged.set(`${key}|${issueKey}`, {
        ...base,
        description,
        line: Number(line) || undefined,
        uniqueIdFromTool: issueKey,
      });
      return;
    }
    merged.add(key, { ...base, description: `${description}\n\n-----\nOccurences:\nLine: ${line}` }, (kept) => {
      kept.description = `${kept.description}\nLine: ${line}`;
      kept.mitigation = `${kept.mitigation}\n______\n${message}`;
    });
  });
  return merged.values();
}

function jsonFindings(doc: unknown, detailed: boolean, name: string): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report) throw new ParseError(`Not a SonarQube report: ${name} is not a JSON object`, { path: '$' });
  const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  if ('projectName' in report && 'hotspotKeys' in report) {
    return truthy(report.date) && truthy(report.projectName) && truthy(report.hotspotKeys)
      ? soprasteriaFindings(report, detailed)
      : [];
  }
  if ('paging' in report || 'issues' in report || 'hotspots' in report) {
    return truthy(report.paging) && truthy(report.components) ? sonarRestApiFindings(report) : [];
  }
  throw new ParseError(
    `Not a SonarQube report: ${name} is neither a sonar-report JSON nor a Web API issues/hotspots response`,
    { path: '$' },
  );
}

function sonarFindings(input: Buffer, detailed: boolean): ParsedFinding[] {
  if (isZip(input)) {
    return readZip(input, 'SonarQube ZIP')
      .filter((entry) => entry.name.endsWith('.json'))
      .flatMap((entry) => {
        const report = asRecord(parseJson(entry.data, `SonarQube JSON ${entry.name}`));
        return report ? guardParseSync('SonarQube report', () => sonarRestApiFindings(report)) : [];
      });
  }
  const head = input
    .toString('utf8', 0, Math.min(input.length, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<'))
    throw new ParseError('SonarQube HTML (sonar-report) is not supported; export it with --save-report-json', {
      offset: 0,
    });
  const doc = parseJson(input, 'SonarQube report');
  return guardParseSync('SonarQube report', () => jsonFindings(doc, detailed, 'the report'));
}

export const sonarqubeParser: Parser = {
  id: 'sonarqube',
  scanTypes: ['SonarQube Scan'],
  description: 'SonarQube: sonar-report JSON (aggregated) or Web API issues/hotspots JSON (or a ZIP of pages).',
  fileTypes: ['json', 'zip'],
  dedup: { algorithm: 'hash_code', hashFields: ['cwe', 'severity', 'filePath'] },
  parse: (input) => ({ findings: sonarFindings(input, false) }),
};

export const sonarqubeDetailedParser: Parser = {
  id: 'sonarqube-detailed',
  scanTypes: ['SonarQube Scan detailed'],
  description: 'SonarQube sonar-report JSON, one finding per issue (or Web API JSON).',
  fileTypes: ['json', 'zip'],
  dedup: { algorithm: 'unique_id_from_tool', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse: (input) => ({ findings: sonarFindings(input, true) }),
};
