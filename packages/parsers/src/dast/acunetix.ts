import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, parseXml, textOf } from '../common/xml.ts';
import { htmlToText } from '../common/html-text.ts';
import { endpointFromParts, endpointFromUri } from '../common/endpoint-uri.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { isoDate } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Acunetix XML export (ScanGroup/Scan/ReportItems) and Acunetix 360 JSON, both under DefectDojo's
 * "Acunetix Scan" (formerly also "Acunetix360 Scan"). XML items merge on name + impact +
 * recommendation; 360 vulnerabilities merge on name — as the reference parser does.
 */

type Node = Record<string, unknown>;
const XML_SEVERITY: Record<string, Severity> = { high: 'High', medium: 'Medium', low: 'Low', informational: 'Info' };
const SEVERITIES = new Set(['Info', 'Low', 'Medium', 'High', 'Critical']);

function xmlFindings(input: Buffer): ParsedFinding[] {
  const doc = parseXml(input, { arrays: ['Scan', 'ReportItem', 'Reference', 'CWE', 'Request'] }, 'Acunetix XML report');
  if (!('ScanGroup' in doc))
    throw new ParseError('Not an Acunetix XML report: the root element must be <ScanGroup>', { path: '/' });
  const out = new OccurrenceMap();
  asArray(asRecord(doc.ScanGroup)?.Scan as unknown[]).forEach((scanValue, s) => {
    const scan = asRecord(scanValue) ?? {};
    const startUrl = textOf(scan.StartURL);
    if (!startUrl)
      throw new ParseError(`Acunetix report: Scan[${s + 1}] has no <StartURL>`, {
        path: `/ScanGroup/Scan[${s + 1}]/StartURL`,
      });
    const base = endpointFromUri(startUrl.includes(':') ? startUrl : `//${startUrl}`.replace(/^\/\//, ''));
    const date = isoDate(textOf(scan.StartTime));
    asArray(asRecord(scan.ReportItems)?.ReportItem as unknown[]).forEach((itemValue, i) => {
      const path = `/ScanGroup/Scan[${s + 1}]/ReportItems/ReportItem[${i + 1}]`;
      const item = asRecord(itemValue) as Node | undefined;
      const title = item ? textOf(item.Name) : undefined;
      if (!item || !title) throw new ParseError(`Acunetix report: ${path} has no <Name>`, { path });
      const get = (name: string) => textOf(item[name]) || undefined;
      const details = get('Details');
      const technical = textOf(item.TechnicalDetails);
      let description = htmlToText(get('Description') ?? '') ?? '';
      if (details?.trim()) description += `\n\n**Details:**\n${htmlToText(details)}`;
      if (technical?.trim()) description += `\n\n**TechnicalDetails:**\n\n${technical}`;
      const cweText = textOf(asArray(asRecord(item.CWEList)?.CWE as unknown[])[0]);
      const cweMatch = cweText ? /-(\d+)/.exec(cweText) : null;
      const references = asArray(asRecord(item.References)?.Reference as unknown[]).map((r) => {
        const ref = asRecord(r) ?? {};
        const url = textOf(ref.URL);
        return ` * [${textOf(ref.Database) || url}](${url})`;
      });
      const descriptor =
        textOf(asRecord(item.CVSS3)?.Descriptor) ??
        (typeof asRecord(item.CVSS3)?.['@_Descriptor'] === 'string'
          ? decodeXmlText(asRecord(item.CVSS3)?.['@_Descriptor'] as string)
          : undefined);
      const requests = asArray(asRecord(item.TechnicalDetails)?.Request as unknown[]).map((r) => textOf(r) ?? '');
      const falsePositive = (get('IsFalsePositive') ?? '').toLowerCase() === 'true';
      const endpoint = base
        ? endpointFromParts({ host: base.host, port: base.port, protocol: base.protocol, path: get('Affects') })
        : undefined;
      const finding: ParsedFinding = {
        title,
        severity: XML_SEVERITY[get('Severity') ?? ''] ?? 'Critical',
        description,
        impact: get('Impact'),
        mitigation: get('Recommendation'),
        references: references.length ? references.join('\n') : undefined,
        cwe: cweMatch ? Number(cweMatch[1]) : undefined,
        cvssv3: parseCvss3(descriptor)?.vector,
        falsePositive: falsePositive || undefined,
        endpoints: endpoint ? [endpoint] : [],
        evidence: requests[0] || undefined,
        date,
        staticFinding: requests.length === 0,
        dynamicFinding: requests.length > 0,
      };
      const key = [title, finding.impact ?? 'None', finding.mitigation ?? 'None'].join('|');
      out.add(key, finding, (kept, repeat) => {
        if (details?.trim())
          kept.description = `${kept.description ?? ''}\n-----\n\n**Details:**\n${htmlToText(details)}`;
        kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
      });
    });
  });
  return out.values();
}

function jsonFindings(input: Buffer): ParsedFinding[] {
  const report = asRecord(parseJson(input, 'Acunetix 360 JSON report'));
  if (!report || !Array.isArray(report.Vulnerabilities)) {
    throw new ParseError('Not an Acunetix 360 JSON report: missing "Vulnerabilities" array', { path: '$' });
  }
  const scanDate = isoDate(asText(report.Generated));
  const out = new OccurrenceMap();
  report.Vulnerabilities.forEach((value, i) => {
    const item = asRecord(value);
    const title = asText(item?.Name);
    if (!item || !title)
      throw new ParseError(`Acunetix 360 report: Vulnerabilities[${i}] has no "Name"`, {
        path: `Vulnerabilities[${i}]`,
      });
    const classification = asRecord(item.Classification);
    const cwe = Number.parseInt((asText(classification?.Cwe) ?? '').split(',')[0], 10);
    const sev = asText(item.Severity) ?? '';
    const lookup = asText(item.LookupId);
    const remedyRefs = htmlToText(asText(item.RemedyReferences));
    const references = [lookup ? `https://online.acunetix360.com/issues/detail/${lookup}` : undefined, remedyRefs]
      .filter(Boolean)
      .join('\n');
    const states = (asText(item.State) ?? '').split(',').map((s) => s.trim());
    const request = asText(asRecord(item.HttpRequest)?.Content);
    const endpoint = endpointFromUri(asText(item.Url));
    const finding: ParsedFinding = {
      title,
      severity: SEVERITIES.has(sev) ? (sev as Severity) : 'Info',
      description: htmlToText(asText(item.Description) ?? '') ?? '',
      mitigation: htmlToText(asText(item.RemedialProcedure)),
      impact: htmlToText(asText(item.Impact)),
      references: references || undefined,
      cwe: Number.isFinite(cwe) && cwe > 0 ? cwe : undefined,
      cvssv3: parseCvss3(asText(asRecord(classification?.Cvss)?.Vector))?.vector,
      date: isoDate(asText(item.FirstSeenDate)) ?? scanDate,
      endpoints: endpoint ? [endpoint] : [],
      evidence: request || undefined,
      staticFinding: true,
    };
    if (states.includes('AcceptedRisk')) Object.assign(finding, { riskAccepted: true, active: false });
    else if (states.includes('FalsePositive')) Object.assign(finding, { falsePositive: true, active: false });
    out.add(title, finding, (kept, repeat) => {
      kept.endpoints = [...(kept.endpoints ?? []), ...(repeat.endpoints ?? [])];
    });
  });
  return out.values();
}

export const acunetixParser: Parser = {
  id: 'acunetix',
  scanTypes: ['Acunetix Scan', 'Acunetix360 Scan'],
  description: 'Acunetix XML export or Acunetix 360 JSON report.',
  fileTypes: ['xml', 'json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'description'] },
  parse(input) {
    const head = input
      .toString('utf8', 0, Math.min(input.length, 256))
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head === '') throw new ParseError('Acunetix report is empty', { offset: 0 });
    if (head.startsWith('{'))
      return guardParseSync('Acunetix 360 JSON report', () => ({ findings: jsonFindings(input) }));
    if (head.startsWith('<')) return guardParseSync('Acunetix XML report', () => ({ findings: xmlFindings(input) }));
    throw new ParseError('Not an Acunetix report: expected XML or JSON', { offset: 0 });
  },
};
