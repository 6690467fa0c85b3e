import { createHash } from 'node:crypto';
import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { asArray, decodeXmlText, textOf } from '../common/xml.ts';
import { parseXmlWithDoctype } from '../common/xml-doctype.ts';
import { endpointFromParts, endpointFromUri } from '../common/endpoint-uri.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import { toInt } from '../common/fields.ts';

/**
 * Nikto JSON and XML (old format and nxmlversion 1.2). As DefectDojo's "Nikto Scan": severity is Info,
 * Medium when the item links an OSVDB id; JSON items merge on severity + message, XML items on
 * identical host + description + method (occurrences counted).
 */

type Node = Record<string, unknown>;

function mergeInto(kept: ParsedFinding, repeat: ParsedFinding): void {
  kept.description = `${kept.description ?? ''}\n-----\n${repeat.description ?? ''}`;
  kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
}

function jsonFindings(input: Buffer): ParsedFinding[] {
  const doc = parseJson(input, 'Nikto JSON report');
  const scans = Array.isArray(doc) ? doc : [doc];
  const out = new OccurrenceMap();
  scans.forEach((scanValue, s) => {
    const scan = asRecord(scanValue);
    if (!scan || (!has(scan, 'vulnerabilities') && !has(scan, 'host'))) {
      throw new ParseError('Not a Nikto JSON report: expected an object with "host" and "vulnerabilities"', {
        path: Array.isArray(doc) ? `[${s}]` : '$',
      });
    }
    const host = asText(scan.host);
    const port = toInt(scan.port);
    asList(scan.vulnerabilities).forEach((value, v) => {
      const vuln = asRecord(value) as JsonRecord | undefined;
      const msg = asText(vuln?.msg);
      if (!vuln || msg === undefined)
        throw new ParseError(`Nikto JSON report: vulnerabilities[${v}] has no "msg"`, {
          path: `vulnerabilities[${v}]`,
        });
      const osvdb = asText(vuln.OSVDB);
      const lines = [
        `**id:** \`${asText(vuln.id) ?? 'None'}\``,
        `**msg:** \`${msg}\``,
        `**HTTP Method:** \`${asText(vuln.method) ?? 'None'}\``,
      ];
      if (osvdb !== undefined) lines.push(`**OSVDB:** \`${osvdb}\``);
      const linked = has(vuln, 'OSVDB') && osvdb !== '0';
      if (linked) lines.push('*This finding is marked as medium as there is a link to OSVDB*');
      const endpoint = endpointFromParts({ host, port, path: asText(vuln.url) });
      const finding: ParsedFinding = {
        title: msg,
        severity: linked ? 'Medium' : 'Info',
        description: lines.join('\n'),
        references: asText(vuln.references) || undefined,
        vulnIdFromTool: asText(vuln.id),
        uniqueIdFromTool: linked ? `OSVDB-${osvdb}` : undefined,
        endpoints: endpoint ? [endpoint] : [],
        staticFinding: false,
        dynamicFinding: true,
      };
      out.add(`${finding.severity}${msg}`, finding, (kept, repeat) => {
        mergeInto(kept, repeat);
        kept.uniqueIdFromTool = undefined; // an aggregated finding has no single tool id
        kept.vulnIdFromTool = undefined;
      });
    });
  });
  return out.values();
}

const SENTENCE = /(?<!\w\.\w.)(?<![A-Z][a-z]\.)(?<=\.|\?)\s/;

function xmlFindings(input: Buffer): ParsedFinding[] {
  const doc = parseXmlWithDoctype(input, { arrays: ['scandetails', 'item', 'niktoscan'] }, 'Nikto XML report', {
    allowExternalDtdFor: ['niktoscan'],
  });
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (rootName !== 'niktoscan' && rootName !== 'niktoscans') {
    throw new ParseError('Not a Nikto XML report: the root element must be <niktoscan>', { path: '/' });
  }
  const root = asRecord(asArray(doc[rootName] as unknown[])[0]) ?? {};
  const details = has(root, 'scandetails')
    ? asArray(root.scandetails as unknown[])
    : asArray(root.niktoscan as unknown[]).flatMap((n) => asArray(asRecord(n)?.scandetails as unknown[]));
  const out = new OccurrenceMap();
  for (const scan of details) {
    asArray(asRecord(scan)?.item as unknown[]).forEach((itemValue, i) => {
      const item = asRecord(itemValue) as Node | undefined;
      const text = item ? textOf(item.description) : undefined;
      if (!item || text === undefined)
        throw new ParseError(`Nikto XML report: item[${i + 1}] has no <description>`, {
          path: `scandetails/item[${i + 1}]`,
        });
      const iplink = textOf(item.iplink);
      const method = typeof item['@_method'] === 'string' ? decodeXmlText(item['@_method']) : 'None';
      const osvdb = typeof item['@_osvdbid'] === 'string' ? item['@_osvdbid'] : undefined;
      const description = [
        `**Host:** \`${iplink ?? 'None'}\``,
        `**Description:** \`${text}\``,
        `**HTTP Method:** \`${method}\``,
      ].join('\n');
      const endpoint = endpointFromUri(iplink);
      const finding: ParsedFinding = {
        title: text.split(SENTENCE)[0].slice(0, 900),
        severity: osvdb !== undefined && osvdb !== '0' ? 'Medium' : 'Info',
        description,
        vulnIdFromTool: typeof item['@_id'] === 'string' ? item['@_id'] : undefined,
        endpoints: endpoint ? [endpoint] : [],
        staticFinding: false,
        dynamicFinding: true,
      };
      out.add(createHash('sha256').update(description).digest('hex'), finding, mergeInto);
    });
  }
  return out.values();
}

export const niktoParser: Parser = {
  id: 'nikto',
  scanTypes: ['Nikto Scan'],
  description: 'Nikto XML (old and nxmlversion 1.2) or JSON output.',
  fileTypes: ['xml', 'json'],
  dedup: { algorithm: 'legacy', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const head = input
      .toString('utf8', 0, Math.min(input.length, 256))
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head === '') throw new ParseError('Nikto report is empty', { offset: 0 });
    if (head.startsWith('<')) return guardParseSync('Nikto XML report', () => ({ findings: xmlFindings(input) }));
    if (head.startsWith('{') || head.startsWith('['))
      return guardParseSync('Nikto JSON report', () => ({ findings: jsonFindings(input) }));
    throw new ParseError('Not a Nikto report: expected XML or JSON', { offset: 0 });
  },
};
