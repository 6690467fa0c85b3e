import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';

/**
 * Checkov `-o json`: one object for a single check type, or a list of them. Every entry of
 * results.failed_checks is one finding (passed and skipped checks are ignored); no merging.
 */

function checkFinding(check: JsonRecord, checkType: string): ParsedFinding {
  const name = asText(check.check_name);
  let description = `Check Type: ${checkType}\n`;
  if ('check_id' in check) description += `Check Id: ${asText(check.check_id) ?? ''}\n`;
  if ('check_name' in check) description += `${name ?? ''}\n`;
  const lines = asList(check.file_line_range);
  const severity = asText(check.severity);
  return {
    title: name ?? 'check_name not found',
    description,
    severity: severity ? normalizeSeverity(severity, 'Medium') : 'Medium',
    mitigation: '',
    references: asText(check.guideline) ?? '',
    filePath: asText(check.file_path),
    line: toInt(lines[0]),
    componentName: asText(check.resource),
    vulnIdFromTool: asText(check.check_id),
    staticFinding: true,
    dynamicFinding: false,
  };
}

function checkovFindings(doc: unknown): ParsedFinding[] {
  const reports = Array.isArray(doc) ? doc : [doc];
  if (!Array.isArray(doc) && !asRecord(doc)) {
    throw new ParseError('Not a Checkov report: expected a JSON object or a list of check_type objects', { path: '$' });
  }
  const findings: ParsedFinding[] = [];
  reports.forEach((entry, i) => {
    const path = Array.isArray(doc) ? `[${i}]` : '$';
    const report = asRecord(entry);
    if (!report) throw new ParseError(`Checkov report: ${path} is not an object`, { path });
    const results = report.results;
    if (results !== undefined && !asRecord(results)) {
      throw new ParseError(`Checkov report: ${path}.results is not an object`, { path: `${path}.results` });
    }
    const failed = asRecord(results)?.failed_checks;
    if (failed !== undefined && !Array.isArray(failed)) {
      throw new ParseError(`Checkov report: ${path}.results.failed_checks is not an array`, {
        path: `${path}.results.failed_checks`,
      });
    }
    const checkType = asText(report.check_type) ?? '';
    asList(failed).forEach((item, j) => {
      const check = asRecord(item);
      const at = `${path}.results.failed_checks[${j}]`;
      if (!check) throw new ParseError(`Checkov report: ${at} is not an object`, { path: at });
      findings.push(checkFinding(check, checkType));
    });
  });
  return findings;
}

export const checkovParser: Parser = {
  id: 'checkov',
  scanTypes: ['Checkov Scan'],
  description: 'Checkov JSON report (checkov -o json), single or multiple check types.',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const doc = parseJson(input, 'Checkov report');
    return guardParseSync('Checkov report', () => ({ findings: checkovFindings(doc) }));
  },
};
