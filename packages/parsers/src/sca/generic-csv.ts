import { ParseError, type ParsedFinding, type Severity } from '../parser.ts';
import { parseCsv, pick } from '../common/csv.ts';
import { isoDate, toInt } from '../common/fields.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { endpointFrom } from './generic-endpoint.ts';

/**
 * DefectDojo's generic CSV: Date,Title,CweId,Url,Severity,Description,Mitigation,Impact,References,
 * Active,Verified,FalsePositive,Duplicate[,CVE,Vulnerability Id,CVSSV3]. Rows with the same
 * severity, title and description merge into one finding (endpoints and ids added up).
 */

const SEVERITIES = new Set<Severity>(['Info', 'Low', 'Medium', 'High', 'Critical']);
/** The CSV's dates are calendar days (often MM/DD/YYYY); read them without a time-zone shift. */
function csvDate(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return iso[0];
  return isoDate(value);
}

const truthy = (value: string | undefined) => (value ?? '').toLowerCase().startsWith('t');

export function genericCsvFindings(input: Buffer | string): ParsedFinding[] {
  const rows = parseCsv(input, 'Generic Findings CSV');
  if (rows.length && pick(rows[0], 'Title') === undefined) {
    throw new ParseError('Not a Generic Findings CSV: missing the "Title" column', { line: 1 });
  }
  const unique = new Map<string, ParsedFinding>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const title = pick(row, 'Title') ?? '';
    const description = pick(row, 'Description') ?? '';
    const rawSeverity = pick(row, 'Severity') ?? '';
    const severity: Severity = SEVERITIES.has(rawSeverity as Severity) ? (rawSeverity as Severity) : 'Info';
    const rawDate = pick(row, 'Date');
    const date = csvDate(rawDate);
    if (rawDate && !date)
      throw new ParseError(`Generic Findings CSV: unreadable Date "${rawDate}" on line ${line}`, {
        line,
        path: `row ${line}.Date`,
      });
    const finding: ParsedFinding = { title, description, severity, date, occurrences: 1 };
    const optional = (name: string) => pick(row, name);
    if (optional('Active') !== undefined) finding.active = truthy(optional('Active'));
    if (optional('Verified') !== undefined) finding.verified = truthy(optional('Verified'));
    if (optional('FalsePositive') !== undefined) finding.falsePositive = truthy(optional('FalsePositive'));
    if (optional('Mitigation') !== undefined) finding.mitigation = optional('Mitigation');
    if (optional('Impact') !== undefined) finding.impact = optional('Impact');
    if (optional('References') !== undefined) finding.references = optional('References');
    const ids = [optional('CVE'), optional('Vulnerability Id')].filter((v): v is string => !!v);
    if (ids.length) finding.vulnerabilityIds = ids;
    const cwe = toInt(optional('CweId'));
    if (cwe !== undefined && cwe > 0) finding.cwe = cwe;
    const cvss = parseCvss3(optional('CVSSV3'));
    if (cvss) {
      finding.cvssv3 = cvss.vector;
      finding.cvssv3Score = cvss.baseScore;
    }
    const endpoint = endpointFrom(optional('Url'));
    if (endpoint) finding.endpoints = [endpoint];
    const key = `${severity}|${title}|${description}`;
    const known = unique.get(key);
    if (!known) {
      unique.set(key, finding);
      return;
    }
    if (finding.endpoints) known.endpoints = [...(known.endpoints ?? []), ...finding.endpoints];
    if (finding.vulnerabilityIds)
      known.vulnerabilityIds = [...new Set([...(known.vulnerabilityIds ?? []), ...finding.vulnerabilityIds])];
    known.occurrences = (known.occurrences ?? 1) + 1;
  });
  return [...unique.values()];
}
