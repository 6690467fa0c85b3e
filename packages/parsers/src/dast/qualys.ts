import { ParseError, type ParsedEndpoint, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { asRecord, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, parseXml, textOf } from '../common/xml.ts';
import { parseCsv, pick } from '../common/csv.ts';
import { htmlToText } from '../common/html-text.ts';
import { endpointFromParts, endpointFromUri } from '../common/endpoint-uri.ts';
import { isoDate, toFloat, uniqueStrings } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Qualys VM reports. ASSET_DATA_REPORT XML (what DefectDojo's "Qualys Scan" reads): one finding per
 * HOST/VULN_INFO_LIST/VULN_INFO, details from the GLOSSARY, severity from the QID's 1-5 level.
 * The older SCAN XML (IP/VULNS/CAT/VULN, IP/PRACTICES/CAT/PRACTICE): one finding per entry.
 * CSV export: rows with a Title are merged per QID (endpoints accumulate), as DefectDojo does.
 */

type Node = Record<string, unknown>;
const LEVEL: Record<string, Severity> = { '1': 'Info', '2': 'Low', '3': 'Medium', '4': 'High', '5': 'Critical' };
const level = (v: string | undefined): Severity => LEVEL[(v ?? '').trim()] ?? 'Info';
const attr = (node: unknown, name: string) => {
  const v = asRecord(node)?.[`@_${name}`];
  return typeof v === 'string' ? decodeXmlText(v) : undefined;
};
const get = (node: Node, name: string) => textOf(Array.isArray(node[name]) ? (node[name] as unknown[])[0] : node[name]);

function assetFindings(root: Node): ParsedFinding[] {
  const glossary = new Map<string, Node>();
  for (const d of asArray(asRecord(asRecord(root.GLOSSARY)?.VULN_DETAILS_LIST)?.VULN_DETAILS as unknown[])) {
    const id = attr(d, 'id');
    if (id) glossary.set(id, asRecord(d) ?? {});
  }
  const findings: ParsedFinding[] = [];
  asArray(asRecord(root.HOST_LIST)?.HOST as unknown[]).forEach((hostValue, h) => {
    const host = asRecord(hostValue) ?? {};
    const endpoint = endpointFromParts({ host: get(host, 'DNS') || get(host, 'IP') });
    asArray(asRecord(host.VULN_INFO_LIST)?.VULN_INFO as unknown[]).forEach((infoValue, v) => {
      const info = asRecord(infoValue) ?? {};
      const gid = attr(info.QID, 'id');
      const path = `/ASSET_DATA_REPORT/HOST_LIST/HOST[${h + 1}]/VULN_INFO_LIST/VULN_INFO[${v + 1}]`;
      if (!gid) throw new ParseError(`Qualys report: ${path} has no QID id`, { path });
      const details = glossary.get(gid) ?? {};
      const qid = gid.slice(4);
      const cves = asArray(asRecord(details.CVE_ID_LIST)?.CVE_ID as unknown[]).map((c) => asRecord(c) ?? {});
      const status = get(info, 'VULN_STATUS');
      const active = status === 'Active' || status === 'Re-Opened' || status === 'New';
      const cvss = (get(info, 'CVSS3_FINAL') ?? get(asRecord(details.CVSS3_SCORE) ?? {}, 'CVSS3_BASE') ?? '').split(
        ' (',
      )[0];
      const description = [
        htmlToText(get(details, 'THREAT') ?? 'None'),
        `Category: ${get(info, 'CATEGORY') ?? get(details, 'CATEGORY') ?? 'None'}`,
        `QID: ${gid}`,
        `Port: ${get(info, 'PORT') ?? 'None'}`,
        `Result Evidence: ${get(info, 'RESULT') ?? 'None'}`,
        `First Found: ${get(info, 'FIRST_FOUND') ?? 'None'}`,
        `Last Found: ${get(info, 'LAST_FOUND') ?? 'None'}`,
        `Times Found: ${get(info, 'TIMES_FOUND') ?? 'None'}`,
      ].join('\n\n');
      findings.push({
        title: `QID-${qid} | ${get(details, 'TITLE') ?? ''}`,
        severity: level(get(details, 'SEVERITY')),
        description,
        mitigation: htmlToText(get(details, 'SOLUTION')),
        impact: htmlToText(get(details, 'IMPACT')),
        references: cves.length ? cves.map((c) => textOf(c.URL) ?? '').join('\n') : gid,
        vulnerabilityIds: cves.length ? uniqueStrings(cves.map((c) => textOf(c.ID))) : undefined,
        cvssv3Score: cvss && cvss !== '-' ? toFloat(cvss) : undefined,
        vulnIdFromTool: gid,
        date: isoDate(get(info, 'LAST_FOUND')),
        active,
        mitigated: active ? undefined : true,
        verified: true,
        endpoints: endpoint ? [endpoint] : [],
      });
    });
  });
  return findings;
}

function scanFindings(root: Node): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const ipValue of asArray(root.IP as unknown[])) {
    const host = attr(ipValue, 'name') || attr(ipValue, 'value');
    const ip = asRecord(ipValue) ?? {};
    for (const [group, leaf] of [
      ['VULNS', 'VULN'],
      ['PRACTICES', 'PRACTICE'],
    ] as const) {
      for (const catValue of asArray(asRecord(ip[group])?.CAT as unknown[])) {
        const port = Number(attr(catValue, 'port'));
        const endpoint = endpointFromParts({
          host,
          protocol: attr(catValue, 'protocol'),
          port: Number.isFinite(port) && port > 0 ? port : undefined,
        });
        for (const vulnValue of asArray(asRecord(catValue)?.[leaf] as unknown[])) {
          const vuln = asRecord(vulnValue) ?? {};
          const number = attr(vuln, 'number') ?? '';
          const cves = uniqueStrings((attr(vuln, 'cveid') ?? '').split(','));
          findings.push({
            title: `QID-${number} | ${get(vuln, 'TITLE') ?? ''}`,
            severity: level(attr(vuln, 'severity')),
            description: [
              htmlToText(get(vuln, 'DIAGNOSIS')),
              get(vuln, 'RESULT') ? `Result Evidence: ${get(vuln, 'RESULT')}` : undefined,
            ]
              .filter(Boolean)
              .join('\n\n'),
            impact: htmlToText(get(vuln, 'CONSEQUENCE')),
            mitigation: htmlToText(get(vuln, 'SOLUTION')),
            vulnerabilityIds: cves.length ? cves : undefined,
            vulnIdFromTool: number || undefined,
            endpoints: endpoint ? [endpoint] : [],
          });
        }
      }
    }
  }
  return findings;
}

function csvFindings(input: Buffer): ParsedFinding[] {
  const rows = parseCsv(input, 'Qualys CSV report').filter((r) => (r.Title && r.Title !== 'Title') || r['VULN TITLE']);
  const byQid = new OccurrenceMap();
  for (const row of rows) {
    const qid = pick(row, 'QID');
    if (!qid) throw new ParseError('Qualys CSV report: a finding row has no QID', {});
    const fqdn = pick(row, 'FQDN');
    const endpoint: ParsedEndpoint | undefined = fqdn
      ? endpointFromUri(fqdn)
      : endpointFromParts({ host: pick(row, 'DNS') || pick(row, 'IP') });
    const cves = uniqueStrings((pick(row, 'CVE ID', 'CVEID') ?? '').split(','));
    const title = row.Title || row['VULN TITLE'];
    const threat = row.Title ? row.Threat : row.THREAT;
    const status = row['Vuln Status'];
    const finding: ParsedFinding = {
      title: `QID-${qid} | ${title}`,
      severity: row.Title
        ? level(row.Severity)
        : ['Info', 'Low', 'Medium', 'High', 'Critical'].includes(row.SEVERITY)
          ? (row.SEVERITY as Severity)
          : level(row.SEVERITY),
      description: `${threat ?? ''}\nResult Evidence: \n${threat ?? 'Not available'}`,
      mitigation: row.Title ? row.Solution : row.SOLUTION,
      impact: row.Title ? row.Impact : row.IMPACT,
      vulnerabilityIds: cves.length ? cves : undefined,
      vulnIdFromTool: qid,
      date: isoDate(row['Last Detected'] ?? row['LAST SCAN']),
      active: status === undefined ? undefined : ['Active', 'Re-Opened', 'New'].includes(status),
      verified: true,
      endpoints: endpoint ? [endpoint] : [],
    };
    byQid.add(qid, finding, (kept, repeat) => {
      kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
      const ids = uniqueStrings([...(kept.vulnerabilityIds ?? []), ...(repeat.vulnerabilityIds ?? [])]);
      kept.vulnerabilityIds = ids.length ? ids : undefined;
    });
  }
  return byQid.values();
}

function qualysFindings(input: Buffer): ParsedFinding[] {
  const head = input
    .toString('utf8', 0, Math.min(input.length, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head === '') throw new ParseError('Qualys report is empty', { offset: 0 });
  if (!head.startsWith('<')) return csvFindings(input);
  const doc = parseXml(
    input,
    { arrays: ['HOST', 'VULN_INFO', 'VULN_DETAILS', 'CVE_ID', 'IP', 'CAT', 'VULN', 'PRACTICE'] },
    'Qualys XML report',
  );
  if ('ASSET_DATA_REPORT' in doc) return assetFindings(asRecord(doc.ASSET_DATA_REPORT) ?? {});
  if ('SCAN' in doc) return scanFindings(asRecord(doc.SCAN) ?? {});
  throw new ParseError('Not a Qualys XML report: the root element must be <ASSET_DATA_REPORT> or <SCAN>', {
    path: '/',
  });
}

export const qualysParser: Parser = {
  id: 'qualys',
  scanTypes: ['Qualys Scan'],
  description: 'Qualys VM XML report (ASSET_DATA_REPORT or SCAN) or CSV export.',
  fileTypes: ['xml', 'csv'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'endpoints'] },
  parse(input) {
    return guardParseSync('Qualys report', () => ({ findings: qualysFindings(input) }));
  },
};
