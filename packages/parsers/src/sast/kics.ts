import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * KICS `--report-formats json`: queries[].files[] — one finding per file entry; entries with the
 * same platform, category, issue type, file and line are merged (occurrences), as in DefectDojo.
 */

const SEVERITY: Record<string, Severity> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  INFO: 'Info',
};

function fileFinding(query: JsonRecord, file: JsonRecord, severity: Severity): ParsedFinding {
  const platform = asText(query.platform);
  const category = asText(query.category);
  const issueType = asText(file.issue_type);
  const actual = asText(file.actual_value);
  let description = `${asText(query.description) ?? ''}\n`;
  if (platform) description += `**Platform:** ${platform}\n`;
  if (category) description += `**Category:** ${category}\n`;
  if (issueType) description += `**Issue type:** ${issueType}\n`;
  if (actual) description += `**Actual value:** ${actual}\n`;
  return {
    title: `${category ?? 'None'}: ${asText(query.query_name) ?? 'None'}`,
    severity,
    description: description.replace(/\n$/, ''),
    mitigation: asText(file.expected_value),
    filePath: asText(file.file_name),
    line: toInt(file.line),
    componentName: platform,
    references: asText(query.query_url),
    vulnIdFromTool: asText(query.query_id),
    active: true,
    verified: false,
    staticFinding: true,
    dynamicFinding: false,
  };
}

function kicsFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report || !Array.isArray(report.queries)) {
    throw new ParseError('Not a KICS report: missing queries array', { path: '$' });
  }
  const merged = new OccurrenceMap();
  report.queries.forEach((entry, i) => {
    const query = asRecord(entry);
    if (!query) throw new ParseError(`KICS report: queries[${i}] is not an object`, { path: `queries[${i}]` });
    const severity = SEVERITY[asText(query.severity) ?? ''] ?? 'Medium';
    asList(query.files).forEach((item, j) => {
      const file = asRecord(item);
      const path = `queries[${i}].files[${j}]`;
      if (!file) throw new ParseError(`KICS report: ${path} is not an object`, { path });
      const key = [query.platform, query.category, file.issue_type, file.file_name, file.line]
        .map((v) => asText(v) ?? '')
        .join('|');
      merged.add(key, fileFinding(query, file, severity));
    });
  });
  return merged.values();
}

export const kicsParser: Parser = {
  id: 'kics',
  scanTypes: ['KICS Scan'],
  description: 'KICS JSON report (kics scan --report-formats json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['filePath', 'line', 'severity', 'description', 'title'] },
  parse(input) {
    const doc = parseJson(input, 'KICS report');
    return guardParseSync('KICS report', () => ({ findings: kicsFindings(doc) }));
  },
};
