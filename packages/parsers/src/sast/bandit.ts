import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';

/** Bandit `-f json`: every entry of "results" is one finding (no merging, as in DefectDojo). */

function resultFinding(item: JsonRecord, path: string, date: string | undefined): ParsedFinding {
  const testName = asText(item.test_name);
  const testId = asText(item.test_id);
  const filename = asText(item.filename);
  const title = asText(item.issue_text);
  if (!testName || !testId || filename === undefined || title === undefined) {
    throw new ParseError(`Bandit report: ${path} lacks test_name, test_id, filename or issue_text`, { path });
  }
  const line = toInt(item.line_number);
  const code = String(asText(item.code) ?? 'None').replace(/```/g, '\\`\\`\\`');
  const description = [
    `**Test Name:** \`${testName}\``,
    `**Test ID:** \`${testId}\``,
    `**Filename:** \`${filename}\``,
    `**Line number:** \`${line ?? ''}\``,
    `**Issue Confidence:** \`${asText(item.issue_confidence) ?? ''}\``,
    '**Code:**',
    '```',
    code,
    '```',
  ].join('\n');
  return {
    title,
    description,
    severity: normalizeSeverity(item.issue_severity, 'Info'),
    filePath: filename,
    line,
    date,
    references: asText(item.more_info),
    vulnIdFromTool: `${testName}:${testId}`,
    staticFinding: true,
    dynamicFinding: false,
  };
}

function banditFindings(doc: unknown): { findings: ParsedFinding[]; scanDate?: string } {
  const report = asRecord(doc);
  if (!report || !Array.isArray(report.results)) {
    throw new ParseError('Not a Bandit report: missing results array', { path: '$' });
  }
  const date = isoDate(report.generated_at);
  const findings = asList(report.results).map((entry, i) => {
    const item = asRecord(entry);
    if (!item) throw new ParseError(`Bandit report: results[${i}] is not an object`, { path: `results[${i}]` });
    return resultFinding(item, `results[${i}]`, date);
  });
  return { findings, scanDate: date };
}

export const banditParser: Parser = {
  id: 'bandit',
  scanTypes: ['Bandit Scan'],
  description: 'Bandit JSON report (bandit -f json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['filePath', 'line', 'vulnIdFromTool'] },
  parse(input) {
    const doc = parseJson(input, 'Bandit report');
    return guardParseSync('Bandit report', () => banditFindings(doc));
  },
};
