import { ParseError, type ParsedEndpoint, type ParsedFinding, type Parser } from '../parser.ts';
import { asRecord, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, textOf } from '../common/xml.ts';
import { parseXmlWithDoctype } from '../common/xml-doctype.ts';
import { endpointFromParts } from '../common/endpoint-uri.ts';
import { severityFromCvss } from '../common/severity.ts';
import { toFloat } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * nmap -oX. As DefectDojo's "Nmap Scan": every open port is an Info finding "Open port: N/proto",
 * merged across hosts on the port number; output of the vulners NSE script becomes one finding per
 * vulnerability id (merged across ports/hosts, occurrences counted), severity from its CVSS score.
 */

type Node = Record<string, unknown>;
const ARRAYS = ['host', 'address', 'hostname', 'port', 'script', 'table', 'elem', 'osmatch', 'os'];

function attr(node: unknown, name: string): string | undefined {
  const v = asRecord(node)?.[`@_${name}`];
  return typeof v === 'string' ? decodeXmlText(v) : undefined;
}

function cpeParts(cpe: string): { product?: string; version?: string } {
  const parts = cpe
    .replace(/^cpe:\/?/, '')
    .replace(/^2\.3:/, '')
    .split(':');
  return { product: parts[2] || undefined, version: parts[3] || undefined };
}

function vulnersFindings(
  script: Node,
  endpoint: ParsedEndpoint | undefined,
  date: string | undefined,
  out: OccurrenceMap,
): void {
  for (const component of asArray(script.table as unknown[])) {
    const cpe = attr(component, 'key') ?? '';
    const { product, version } = cpeParts(cpe);
    for (const vuln of asArray(asRecord(component)?.table as unknown[])) {
      const fields: Record<string, string> = {};
      for (const elem of asArray(asRecord(vuln)?.elem as unknown[])) {
        const key = attr(elem, 'key');
        if (key) fields[key.toLowerCase()] = textOf(elem) ?? '';
      }
      const id = fields.id;
      if (!id) continue;
      const description = [
        `### Vulnerability\n`,
        `**ID**: \`${id}\``,
        `**CPE**: ${cpe}`,
        ...Object.entries(fields).map(([k, v]) => `**${k}**: \`${v}\``),
      ].join('\n');
      const finding: ParsedFinding = {
        title: id,
        severity: severityFromCvss(toFloat(fields.cvss)),
        description,
        componentName: product,
        componentVersion: version,
        vulnIdFromTool: id,
        vulnerabilityIds: fields.type === 'cve' ? [id] : undefined,
        endpoints: endpoint ? [endpoint] : [],
        references: fields.type && fields.type !== 'cve' ? `https://vulners.com/${fields.type}/${id}` : undefined,
        date,
        staticFinding: false,
        dynamicFinding: true,
      };
      out.add(id, finding, (kept, repeat) => {
        kept.description = `${kept.description ?? ''}\n-----\n\n${repeat.description ?? ''}`;
        kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
      });
    }
  }
}

function nmapFindings(input: Buffer): { findings: ParsedFinding[]; scanDate?: string } {
  const doc = parseXmlWithDoctype(input, { arrays: ARRAYS }, 'Nmap XML report');
  if (!('nmaprun' in doc))
    throw new ParseError('Not an Nmap XML report: the root element must be <nmaprun>', { path: '/' });
  const root = asRecord(doc.nmaprun) ?? {};
  const start = Number(attr(root, 'start'));
  const date = Number.isFinite(start) && start > 0 ? new Date(start * 1000).toISOString().slice(0, 10) : undefined;
  const out = new OccurrenceMap();
  asArray(root.host as unknown[]).forEach((hostValue) => {
    const host = asRecord(hostValue) ?? {};
    const addresses = asArray(host.address as unknown[]);
    const ip = attr(
      addresses.find((a) => attr(a, 'addrtype') === 'ipv4') ?? addresses.find((a) => attr(a, 'addrtype') === 'ipv6'),
      'addr',
    );
    const ptr = asArray(asRecord(host.hostnames)?.hostname as unknown[]).find((h) => attr(h, 'type') === 'PTR');
    const fqdn = attr(ptr, 'name');
    let hostInfo = `### Host\n\n${ip ? `**IP Address:** ${ip}\n` : ''}${fqdn ? `**FQDN:** ${fqdn}\n` : ''}\n\n`;
    for (const os of asArray(host.os as unknown[])) {
      for (const match of asArray(asRecord(os)?.osmatch as unknown[])) {
        if (attr(match, 'name')) hostInfo += `**Host OS:** ${attr(match, 'name')}\n`;
        if (attr(match, 'accuracy')) hostInfo += `**Accuracy:** ${attr(match, 'accuracy')}%\n`;
      }
      hostInfo += '\n\n';
    }
    for (const portValue of asArray(asRecord(host.ports)?.port as unknown[])) {
      const port = asRecord(portValue) ?? {};
      const protocol = attr(port, 'protocol');
      const portId = attr(port, 'portid');
      const portNum = portId && /^\d+$/.test(portId) ? Number(portId) : undefined;
      if (attr(port.state, 'state') !== 'open') continue;
      const endpoint = endpointFromParts({ host: fqdn || ip, protocol, port: portNum });
      const service = asRecord(port.service);
      const serviceInfo = service
        ? `\n\n${['product', 'version', 'extrainfo']
            .map((k, i) =>
              attr(service, k) ? `**${['Product', 'Version', 'Extra Info'][i]}:** ${attr(service, k)}\n` : '',
            )
            .join('')}`
        : '';
      const description =
        `${hostInfo}**Port/Protocol:** ` + `${portNum ?? 'None'}/${protocol ?? 'None'}\n${serviceInfo}\n\n`;
      for (const script of asArray(port.script as unknown[])) {
        if (attr(script, 'id') === 'vulners') vulnersFindings(asRecord(script) ?? {}, endpoint, date, out);
      }
      const finding: ParsedFinding = {
        title: `Open port: ${portNum ?? 'None'}/${protocol ?? 'None'}`,
        severity: 'Info',
        description,
        mitigation: 'N/A',
        impact: 'No impact provided',
        endpoints: endpoint ? [endpoint] : [],
        date,
        staticFinding: false,
        dynamicFinding: true,
      };
      out.add(`nmap:${portNum ?? 'None'}`, finding, (kept, repeat) => {
        kept.description = `${kept.description ?? ''}${repeat.description ?? ''}`;
        kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
      });
    }
  });
  return { findings: out.values(), scanDate: date };
}

export const nmapParser: Parser = {
  id: 'nmap',
  scanTypes: ['Nmap Scan'],
  description: 'Nmap XML output (-oX): open ports, plus vulners script results.',
  fileTypes: ['xml'],
  dedup: { algorithm: 'legacy', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    return guardParseSync('Nmap XML report', () => nmapFindings(input));
  },
};
