import { ParseError, type ParsedFinding, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, parseCwe, toInt } from '../common/fields.ts';

/**
 * Veracode REST findings JSON (/appsec/v2/applications/{guid}/findings): {"findings": [...]} or
 * the raw {"_embedded": {"findings": [...]}} response. CLOSED findings and scan types other than
 * STATIC, DYNAMIC and SCA are skipped; "count" becomes occurrences — as DefectDojo does.
 */

const SEVERITY: Record<string, Severity> = {
  '0': 'Info',
  '1': 'Info',
  '2': 'Low',
  '3': 'Medium',
  '4': 'High',
  '5': 'Critical',
};

function detailsFinding(scanType: string, details: JsonRecord): ParsedFinding | undefined {
  const cwe = asRecord(details.cwe);
  const cweTitle = asText(cwe?.name);
  const categoryTitle = asText(asRecord(details.finding_category)?.name);
  const cvss = details.cvss;
  const base: ParsedFinding = {
    title: `${scanType} Finding`,
    severity: SEVERITY[asText(details.severity) ?? '1'] ?? 'Info',
    description: '### Meta Information\n',
    cwe: parseCwe(cwe?.id),
    cvssv3Score: typeof cvss === 'number' ? cvss : undefined,
  };
  if (scanType === 'STATIC') {
    return {
      ...base,
      title: categoryTitle || cweTitle || base.title,
      filePath: asText(details.file_path) || undefined,
      line: toInt(details.file_line_number) || undefined,
      staticFinding: true,
      dynamicFinding: false,
    };
  }
  if (scanType === 'DYNAMIC') {
    const url = asText(details.url);
    const host = asText(details.hostname);
    return {
      ...base,
      title: categoryTitle || cweTitle || base.title,
      endpoints: [url ? { url } : { host, port: toInt(details.port), path: asText(details.path) }],
      staticFinding: false,
      dynamicFinding: true,
    };
  }
  if (scanType === 'SCA') {
    const cve = asText(asRecord(details.cve)?.name);
    const version = asText(details.version);
    let component = asText(details.component_filename);
    if (component !== undefined) {
      if (version) component = component.split(version).join('');
      component = component.replace(/-\./g, '.').replace(/_\./g, '.').replace(/[-_]$/, '');
    }
    return {
      ...base,
      title: cweTitle || `${component ?? 'None'} - ${cve ?? 'None'}`,
      vulnerabilityIds: cve ? [cve] : undefined,
      componentName: component,
      componentVersion: version,
      staticFinding: false,
      dynamicFinding: false,
    };
  }
  return undefined;
}

export function veracodeJsonFindings(input: Buffer): ParsedFinding[] {
  const doc = parseJson(input, 'Veracode JSON report');
  return guardParseSync('Veracode JSON report', () => {
    const report = asRecord(doc);
    const direct = report?.findings;
    const embedded = asRecord(report?._embedded)?.findings;
    if (!report || (!Array.isArray(direct) && !Array.isArray(embedded))) {
      throw new ParseError('Not a Veracode findings JSON: missing findings array (or _embedded.findings)', {
        path: '$',
      });
    }
    const items = asList(direct).length ? asList(direct) : asList(embedded);
    const findings: ParsedFinding[] = [];
    items.forEach((entry, i) => {
      const vuln = asRecord(entry);
      if (!vuln)
        throw new ParseError(`Veracode JSON report: findings[${i}] is not an object`, { path: `findings[${i}]` });
      const status = asRecord(vuln.finding_status);
      if (asText(status?.status) === 'CLOSED') return;
      const finding = detailsFinding(asText(vuln.scan_type) ?? '', asRecord(vuln.finding_details) ?? {});
      if (!finding) return;
      const body = asText(vuln.description);
      if (body) finding.description += `### Details\n${body.split('<span>')[1]?.replace('</span>', '').trim() ?? body}`;
      finding.date = isoDate(status?.first_found_date);
      finding.occurrences = toInt(vuln.count) ?? 1;
      if (vuln.violates_policy) finding.tags = ['policy-violation'];
      findings.push(finding);
    });
    return findings;
  });
}
