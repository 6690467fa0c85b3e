import { ParseError, type ParsedEndpoint, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { asRecord, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, parseXml, textOf } from '../common/xml.ts';
import { endpointFromParts, endpointFromUri } from '../common/endpoint-uri.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { parseCwe, toFloat, uniqueStrings } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import { tenableCsvFindings } from './tenable-csv.ts';

/**
 * Tenable / Nessus: the .nessus (NessusClientData_v2) XML export and the CSV export. DefectDojo's
 * "Tenable Scan" (formerly "Nessus Scan") keeps severity-0 items as Info and merges ReportItems that
 * share severity + pluginName across all hosts into one finding with one endpoint per occurrence.
 */

const SEVERITY: Severity[] = ['Info', 'Low', 'Medium', 'High', 'Critical'];
/** URL schemes DefectDojo's endpoint model knows (hyperlink's SCHEME_PORT_MAP). */
const KNOWN_SCHEMES = new Set(
  (
    'acap afp dict dns file ftp git gopher http https imap ipp ipps irc ircs ldap ldaps mms msrp msrps mtqp nfs nntp ' +
    'nntps pop prospero redis rsync rtsp rtsps rtspu sftp smb snmp ssh steam svn telnet ventrilo vnc wais ws wss xmpp'
  ).split(' '),
);

type Node = Record<string, unknown>;

function attr(node: Node, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

function texts(node: Node, name: string): string[] {
  return asArray(node[name] as unknown[])
    .map((n) => textOf(n) ?? '')
    .filter((t) => t !== '');
}

function hostTag(host: Node, name: string): string | undefined {
  const tags = asArray(asRecord(host.HostProperties)?.tag as unknown[]);
  const tag = tags.find((t) => attr(asRecord(t) ?? {}, 'name') === name);
  return textOf(tag);
}

function itemEndpoint(
  item: Node,
  hostName: string,
  fqdn: string | undefined,
  port: number | undefined,
): ParsedEndpoint | undefined {
  const clean = (v: string) => v.replace(/[^A-Za-z0-9\-+]+/g, '');
  let protocol = clean(attr(item, 'svc_name') ?? 'None');
  if (protocol === 'www') protocol = 'http';
  if (!KNOWN_SCHEMES.has(protocol)) protocol = clean(attr(item, 'protocol') ?? protocol);
  const host = fqdn || hostName;
  if (fqdn?.includes('://')) return endpointFromUri(fqdn);
  if (protocol === 'general') return endpointFromParts({ host });
  return endpointFromParts({ host, protocol: protocol || undefined, port });
}

function xmlFindings(input: Buffer): ParsedFinding[] {
  const doc = parseXml(
    input,
    { arrays: ['Report', 'ReportHost', 'ReportItem', 'tag', 'cve', 'xref', 'see_also'] },
    'Nessus XML report',
  );
  if (!('NessusClientData_v2' in doc)) {
    throw new ParseError('Not a .nessus report: the root element must be <NessusClientData_v2>', { path: '/' });
  }
  const root = asRecord(doc.NessusClientData_v2) ?? {};
  const merged = new OccurrenceMap();
  asArray(root.Report as unknown[]).forEach((reportNode) => {
    const report = asRecord(reportNode) ?? {};
    asArray(report.ReportHost as unknown[]).forEach((hostNode, h) => {
      const host = asRecord(hostNode) ?? {};
      const ip = attr(host, 'name') ?? '';
      const fqdn = hostTag(host, 'host-fqdn');
      asArray(host.ReportItem as unknown[]).forEach((itemNode, i) => {
        const path = `/NessusClientData_v2/Report/ReportHost[${h + 1}]/ReportItem[${i + 1}]`;
        const item = asRecord(itemNode);
        const title = item ? attr(item, 'pluginName') : undefined;
        const sevText = item ? attr(item, 'severity') : undefined;
        if (!item || title === undefined || sevText === undefined || !/^\d+$/.test(sevText.trim())) {
          throw new ParseError(`Nessus report: ${path} lacks pluginName or a numeric severity`, { path });
        }
        const severity = SEVERITY[Number(sevText)] ?? 'Info';
        const portNum = toFloat(attr(item, 'port'));
        const port = portNum !== undefined && portNum > 0 ? portNum : undefined;
        const get = (name: string) => textOf(Array.isArray(item[name]) ? (item[name] as unknown[])[0] : item[name]);
        const synopsis = get('synopsis');
        const output = get('plugin_output');
        const pluginOutput = output
          ? `Plugin Output: ${ip}${port !== undefined ? `:${port}` : ''}\n\`\`\`\n${output}\n\`\`\`\n\n`
          : undefined;
        const impact = [
          get('description') ? `${get('description')}\n\n` : '',
          get('cvss') ? `CVSS Score: ${get('cvss')}\n` : '',
          get('cvssv3') ? `CVSSv3 Score: ${get('cvssv3')}\n` : '',
          get('cvss_vector') ? `CVSS Vector: ${get('cvss_vector')}\n` : '',
          get('cvss_base_score') ? `CVSS Base Score: ${get('cvss_base_score')}\n` : '',
          get('cvss_temporal_score') ? `CVSS Temporal Score: ${get('cvss_temporal_score')}\n` : '',
        ].join('');
        const references = [...texts(item, 'see_also').flatMap((s) => s.split(/\s+/)), ...texts(item, 'xref')].filter(
          Boolean,
        );
        const cvss = parseCvss3(get('cvss3_vector'));
        const endpoint = itemEndpoint(item, ip, fqdn, port);
        const finding: ParsedFinding = {
          title,
          severity,
          description: `${synopsis ? `${synopsis}\n\n` : ''}${pluginOutput ?? ''}`,
          mitigation: get('solution') ?? 'N/A',
          impact: impact || undefined,
          references: references.length ? references.join('\n') : undefined,
          cwe: parseCwe(get('cwe')),
          vulnerabilityIds: texts(item, 'cve').length ? uniqueStrings(texts(item, 'cve')) : undefined,
          cvssv3: cvss?.vector,
          cvssv3Score: toFloat(get('cvss3_base_score')) ?? cvss?.baseScore,
          vulnIdFromTool: attr(item, 'pluginID'),
          endpoints: endpoint ? [endpoint] : [],
          staticFinding: false,
          dynamicFinding: true,
        };
        merged.add(`${severity}${title}`, finding, (kept, repeat) => {
          if (pluginOutput) kept.description = `${kept.description ?? ''}${pluginOutput}`;
          const ids = uniqueStrings([...(kept.vulnerabilityIds ?? []), ...(repeat.vulnerabilityIds ?? [])]);
          kept.vulnerabilityIds = ids.length ? ids : undefined;
          kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
        });
      });
    });
  });
  return merged.values();
}

export const tenableParser: Parser = {
  id: 'tenable',
  scanTypes: ['Tenable Scan', 'Nessus Scan'],
  description: 'Tenable / Nessus .nessus (XML) or CSV export.',
  fileTypes: ['nessus', 'xml', 'csv'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'vulnerabilityIds', 'cwe', 'description'] },
  parse(input) {
    const head = input
      .toString('utf8', 0, Math.min(input.length, 256))
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head === '') throw new ParseError('Tenable report is empty', { offset: 0 });
    if (head.startsWith('<')) return guardParseSync('Nessus XML report', () => ({ findings: xmlFindings(input) }));
    return guardParseSync('Tenable CSV report', () => ({ findings: tenableCsvFindings(input) }));
  },
};
