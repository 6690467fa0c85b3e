import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { asRecord, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, textOf } from '../common/xml.ts';
import { parseXmlWithDoctype } from '../common/xml-doctype.ts';
import { htmlToText } from '../common/html-text.ts';
import { endpointFromUri } from '../common/endpoint-uri.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import { clip, isoDate } from '../common/fields.ts';

/**
 * Burp Suite "Report selected issues → XML" export. Like DefectDojo's "Burp Scan", issues of the same
 * Burp issue <type> are merged into one finding (endpoints and details accumulate, `occurrences`
 * counts them); the export's `<!DOCTYPE issues [...]>` (element declarations only) is accepted.
 * Requests/responses exported with base64="true" are decoded for the evidence.
 */

type Node = Record<string, unknown>;

function child(node: Node, name: string): string | undefined {
  const value = node[name];
  return textOf(Array.isArray(value) ? value[0] : value);
}

function attr(node: unknown, name: string): string | undefined {
  const value = asRecord(node)?.[`@_${name}`];
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

/** Decodes a base64 HTTP message; a binary body is cut after the headers. */
export function decodeHttpMessage(node: unknown): string {
  const text = textOf(node) ?? '';
  if (attr(node, 'base64') !== 'true') return text;
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  const decoded = bytes.toString('utf8');
  if (!decoded.includes('\uFFFD')) return decoded;
  const split = bytes.indexOf('\r\n\r\n');
  const headers = (split >= 0 ? bytes.subarray(0, split) : bytes).toString('latin1');
  return `${headers}\r\n\r\n<Binary Redacted Data>`;
}

function firstCwe(classifications: string | undefined): number | undefined {
  const m = /CWE-(\d+)/.exec(classifications ?? '');
  return m ? Number(m[1]) : undefined;
}

function issueFinding(issue: Node, path: string): ParsedFinding {
  const name = child(issue, 'name');
  const type = child(issue, 'type');
  const hostNode = Array.isArray(issue.host) ? issue.host[0] : issue.host;
  const host = textOf(hostNode);
  const severityText = child(issue, 'severity');
  if (!name || !type || !host || !severityText) {
    throw new ParseError(`Burp report: ${path} lacks name, type, host or severity`, { path });
  }
  const issuePath = child(issue, 'path') ?? '';
  const detail = htmlToText(child(issue, 'issueDetail'));
  const remediationDetail = htmlToText(child(issue, 'remediationDetail'));
  const remediation = htmlToText(child(issue, 'remediationBackground'));
  const messages = asArray(issue.requestresponse as unknown[]).map((rr) => {
    const pair = asRecord(rr) ?? {};
    return {
      request: decodeHttpMessage(pair.request),
      response: pair.response === undefined ? '' : decodeHttpMessage(pair.response),
    };
  });
  const location = child(issue, 'location');
  const param = location ? /\[(.*)\]/.exec(location)?.[1] : undefined;
  const endpoint = endpointFromUri(host);
  const evidence = messages.length ? clip(`${messages[0].request}\n\n${messages[0].response}`, 4000) : undefined;
  return {
    title: name,
    severity: normalizeSeverity(severityText, 'Info'),
    description: `URL: ${host}${issuePath}\n\n${detail ?? ''}${param ? `\n\n**Parameter:** ${param}` : ''}\n`,
    mitigation: [remediationDetail, remediation].filter(Boolean).join('\n\n') || undefined,
    impact: htmlToText(child(issue, 'issueBackground')),
    references: htmlToText(child(issue, 'references')),
    cwe: firstCwe(child(issue, 'vulnerabilityClassifications')),
    uniqueIdFromTool: child(issue, 'serialNumber'),
    vulnIdFromTool: type,
    endpoints: endpoint ? [endpoint] : [],
    evidence,
    severityJustification: child(issue, 'confidence') ? `Confidence: ${child(issue, 'confidence')}` : undefined,
    staticFinding: false,
    dynamicFinding: true,
  };
}

function burpFindings(input: Buffer): { findings: ParsedFinding[]; scanDate?: string } {
  const doc = parseXmlWithDoctype(input, { arrays: ['issue', 'requestresponse'] }, 'Burp XML report');
  if (!('issues' in doc))
    throw new ParseError('Not a Burp XML report: the root element must be <issues>', { path: '/' });
  const root = asRecord(doc.issues) ?? {};
  const merged = new OccurrenceMap();
  asArray(root.issue as unknown[]).forEach((node, i) => {
    const path = `/issues/issue[${i + 1}]`;
    const issue = asRecord(node);
    if (!issue) throw new ParseError(`Burp report: ${path} is empty`, { path });
    const finding = issueFinding(issue, path);
    merged.add(finding.vulnIdFromTool as string, finding, (kept, repeat) => {
      const urls = new Set((kept.endpoints ?? []).map((e) => e.url));
      for (const e of repeat.endpoints ?? []) if (!urls.has(e.url)) kept.endpoints = [...(kept.endpoints ?? []), e];
      kept.description = `${repeat.description ?? ''}${kept.description ?? ''}`;
    });
  });
  return { findings: merged.values(), scanDate: isoDate(attr(root, 'exportTime')?.replace(/ [A-Z]{3,4} /, ' ')) };
}

export const burpParser: Parser = {
  id: 'burp',
  scanTypes: ['Burp Scan'],
  description: 'Burp Suite XML issues export (base64-encoded requests/responses recommended).',
  fileTypes: ['xml'],
  dedup: { algorithm: 'legacy', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    return guardParseSync('Burp XML report', () => burpFindings(input));
  },
};
