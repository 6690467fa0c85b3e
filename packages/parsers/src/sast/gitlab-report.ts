import { ParseError, type Severity } from '../parser.ts';
import { asList, asRecord, asText, type JsonRecord } from '../common/json-shape.ts';
import { normalizeSeverity } from '../common/severity.ts';

/** Pieces shared by the GitLab security-report parsers (security-report-schemas JSON). */

/** The "vulnerabilities" array of a GitLab security report, or a ParseError naming the report kind. */
export function gitlabVulnerabilities(
  doc: unknown,
  what: string,
): { report: JsonRecord; vulnerabilities: JsonRecord[] } {
  const report = asRecord(doc);
  if (!report || !Array.isArray(report.vulnerabilities)) {
    throw new ParseError(`Not a ${what}: missing vulnerabilities array`, { path: '$' });
  }
  const vulnerabilities = report.vulnerabilities.map((v, i) => {
    const record = asRecord(v);
    if (!record)
      throw new ParseError(`${what}: vulnerabilities[${i}] is not an object`, { path: `vulnerabilities[${i}]` });
    return record;
  });
  return { report, vulnerabilities };
}

/** `id`, or the deprecated `cve` fingerprint of older schema versions. */
export function gitlabUniqueId(vuln: JsonRecord, path: string, what: string): string {
  const id = asText(vuln.id) ?? asText(vuln.cve);
  if (id === undefined) throw new ParseError(`${what}: ${path} has neither "id" nor "cve"`, { path });
  return id;
}

/** name, else message, else description, else the unique id. */
export function gitlabTitle(vuln: JsonRecord, uniqueId: string): string {
  if ('name' in vuln) return asText(vuln.name) ?? '';
  if ('message' in vuln) return asText(vuln.message) ?? '';
  if ('description' in vuln) return asText(vuln.description) ?? '';
  return uniqueId;
}

/** "Undefined"/"Unknown"/missing severities become Info, and the title says what the report said. */
export function gitlabSeverity(vuln: JsonRecord, title: string): { severity: Severity; title: string } {
  const raw = asText(vuln.severity);
  if (raw === undefined || raw === 'Undefined' || raw === 'Unknown') {
    return { severity: 'Info', title: `[${raw ?? 'None'} severity] ${title}` };
  }
  return { severity: normalizeSeverity(raw, 'Info'), title };
}

export interface GitlabIdentifiers {
  cwe?: number;
  cve?: string;
  references: string;
}

/** CWE and CVE identifiers; every other identifier is written into the references. */
export function gitlabIdentifiers(vuln: JsonRecord): GitlabIdentifiers {
  const out: GitlabIdentifiers = { references: '' };
  for (const entry of asList(vuln.identifiers)) {
    const identifier = asRecord(entry);
    if (!identifier) continue;
    const type = (asText(identifier.type) ?? '').toLowerCase();
    const value = asText(identifier.value) ?? '';
    if (type === 'cwe') {
      if (/^\d+$/.test(value)) out.cwe = Number(value);
    } else if (type === 'cve') {
      out.cve = value;
    } else {
      out.references +=
        `Identifier ` +
        `type: ${asText(identifier.type) ?? ''}\nName: ${asText(identifier.name) ?? ''}\nValue: ${value}\n`;
      if (identifier.url !== undefined) out.references += `URL: ${asText(identifier.url) ?? ''}\n`;
      out.references += '\n';
    }
  }
  return out;
}

export function scannerName(vuln: JsonRecord, report: JsonRecord): string {
  return (
    asText(asRecord(vuln.scanner)?.name) ??
    asText(asRecord(asRecord(report.scan)?.scanner)?.name) ??
    'Could not be determined'
  );
}
