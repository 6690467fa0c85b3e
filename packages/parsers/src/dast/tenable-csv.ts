import { ParseError, type ParsedEndpoint, type ParsedFinding, type Severity } from '../parser.ts';
import { firstPresent, parseCsvDelimited } from '../common/csv-delimited.ts';
import { endpointFromParts, endpointFromUri } from '../common/endpoint-uri.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { toFloat, uniqueStrings } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Tenable / Nessus CSV export (Nessus "Name/Risk/Host/Port", Tenable.io "asset.name/severity/...").
 * As in DefectDojo, rows repeating severity + title + host + port + synopsis merge into one finding.
 */

const INT_SEVERITY: Severity[] = ['Info', 'Low', 'Medium', 'High', 'Critical'];
const WORDS: Record<string, Severity> = {
  info: 'Info',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

function severityOf(raw: string): Severity {
  if (/^-?\d+$/.test(raw.trim())) return INT_SEVERITY[Number(raw)] ?? 'Info';
  return WORDS[raw.trim().toLowerCase()] ?? 'Info';
}

function cpeParts(value: string): { product?: string; version?: string } {
  const cpe = /cpe:\/[^\n ]+/.exec(value)?.[0];
  if (!cpe) return {};
  const parts = cpe.slice('cpe:/'.length).split(':');
  return { product: parts[2] || undefined, version: parts[3] || undefined };
}

export function tenableCsvFindings(input: Buffer): ParsedFinding[] {
  const rows = parseCsvDelimited(input, 'Tenable CSV report');
  const header = rows.length
    ? Object.keys(rows[0])
    : input
        .toString('utf8')
        .split(/\r?\n/, 1)[0]
        .split(/[;,]/)
        .map((h) => h.replace(/^"|"$/g, ''));
  if (!['Name', 'Plugin Name', 'asset.name'].some((h) => header.includes(h))) {
    throw new ParseError("Not a Tenable CSV report: missing 'Name', 'Plugin Name' or 'asset.name' column", { line: 1 });
  }
  const merged = new OccurrenceMap();
  rows.forEach((row) => {
    const get = (names: string[], fallback?: string) => firstPresent(row, names, fallback);
    const title = get(['Name', 'Plugin Name', 'asset.name']);
    if (!title) return;
    let raw = get(['Risk', 'severity'], '') ?? '';
    if (raw === '') raw = get(['Severity'], 'Info') ?? 'Info';
    const severity = severityOf(raw);
    const synopsis = get(['Synopsis', 'definition.synopsis']);
    const key = [
      severity,
      title,
      get(['Host', 'asset.host_name'], 'No host'),
      get(['Port', 'asset.port'], 'No port'),
      synopsis ?? 'No synopsis',
    ].join('|');
    let host = get(['Host', 'asset.host_name'], '') ?? '';
    if (host === '') host = get(['DNS Name'], '') ?? '';
    if (host === '') host = get(['IP Address'], 'localhost') ?? '';
    const protocol = (get(['Protocol', 'protocol'], '') ?? '').toLowerCase() || undefined;
    const portText = get(['Port', 'asset.port'], '') ?? '';
    const port = portText === '' || portText === '0' ? undefined : Number(portText);
    const endpoint: ParsedEndpoint | undefined = host.includes('://')
      ? endpointFromUri(host)
      : endpointFromParts({ host, protocol, port: Number.isFinite(port) ? port : undefined });
    const output = get(['Plugin Output', 'output'], '') ?? '';
    const cves = uniqueStrings((get(['CVE', 'definition.cve'], '') ?? '').toUpperCase().match(/CVE-\d+-\d+/g) ?? []);
    const vector = get(['CVSS V3 Vector'], '') ?? '';
    const cvss = vector ? parseCvss3(vector.startsWith('CVSS:') ? vector : `CVSS:3.0/${vector}`) : undefined;
    const cpe = cpeParts(get(['CPE', 'definition.cpe'], '') ?? '');
    const references = [
      get(['See Also', 'definition.see_also'], 'N/A'),
      `Tenable Plugin ID: ${get(['Plugin'], 'N/A')}`,
      `Plugin Publication Date: ${get(['Plugin Publication Date'], 'N/A')}`,
      `Plugin Modification Date: ${get(['Plugin Modification Date'], 'N/A')}`,
    ].join('\n');
    const finding: ParsedFinding = {
      title,
      severity,
      description: `${synopsis ?? 'N/A'}${output ? `\n\n${output}` : ''}`,
      mitigation: get(['Solution', 'definition.solution', 'Steps to Remediate'], 'N/A'),
      impact: get(['Description', 'definition.description'], 'N/A'),
      references,
      vulnerabilityIds: cves.length ? cves : undefined,
      cvssv3: cvss?.vector,
      cvssv3Score: toFloat(get(['CVSSv3', 'definition.cvss3.base_score'], '')) ?? cvss?.baseScore,
      componentName: cpe.product,
      componentVersion: cpe.version,
      vulnIdFromTool: get(['Plugin ID', 'Plugin', 'definition.id']) || undefined,
      endpoints: endpoint ? [endpoint] : [],
      staticFinding: false,
      dynamicFinding: true,
    };
    merged.add(key, finding, (kept, repeat) => {
      if (output) kept.description = `${kept.description ?? ''}\n\n${output}`;
      const ids = uniqueStrings([...(kept.vulnerabilityIds ?? []), ...(repeat.vulnerabilityIds ?? [])]);
      kept.vulnerabilityIds = ids.length ? ids : undefined;
      kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
    });
  });
  return merged.values();
}
