import { ParseError, type ParsedEndpoint, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { asArray, parseXml, textOf } from '../common/xml.ts';
import { isoDate, parseCwe } from '../common/fields.ts';
import { htmlToText } from '../common/html-text.ts';
import { endpointFromUri } from '../common/endpoint-uri.ts';

/**
 * OWASP ZAP report. DefectDojo's "ZAP Scan" reads the XML report only: one finding per
 * site/alerts/alertitem (never merged), severity from riskcode, one endpoint per instance URI with
 * query and fragment dropped. ZAP's traditional-json report has the same tree, so it is accepted
 * under the same scan type and read the same way.
 */

const RISK: Record<string, Severity> = { '0': 'Info', '1': 'Low', '2': 'Medium', '3': 'High' };

/** One alert, whichever report flavour it came from (XML elements and JSON keys share names). */
interface Alert {
  get(name: string): string | undefined;
  instances: Array<{ uri?: string; method?: string; param?: string; evidence?: string }>;
}

function alertFinding(alert: Alert, path: string, date: string | undefined): ParsedFinding {
  const title = alert.get('alert') ?? alert.get('name');
  if (!title) throw new ParseError(`ZAP report: ${path} has no <alert> name`, { path });
  const riskcode = alert.get('riskcode')?.trim();
  const severity = riskcode !== undefined && RISK[riskcode] ? RISK[riskcode] : 'Info';
  const cweText = alert.get('cweid')?.trim();
  const cwe = cweText && /^\d+$/.test(cweText) ? parseCwe(cweText) : undefined;
  const wasc = alert.get('wascid')?.trim();
  const references = [
    htmlToText(alert.get('reference')),
    wasc && /^\d+$/.test(wasc) && wasc !== '0' ? `WASC-${wasc}` : undefined,
  ]
    .filter((v): v is string => !!v)
    .join('\n');
  const endpoints: ParsedEndpoint[] = [];
  const seen = new Set<string>();
  for (const instance of alert.instances) {
    const endpoint = endpointFromUri(instance.uri);
    if (!endpoint) continue;
    const key = endpoint.url ?? endpoint.host ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    endpoints.push(endpoint);
  }
  const evidence = alert.instances.map((i) => i.evidence).find((e) => e);
  const otherinfo = htmlToText(alert.get('otherinfo'));
  const description = [htmlToText(alert.get('desc')) ?? '', otherinfo ? `\n**Other info:** ${otherinfo}` : ''].join('');
  return {
    title,
    severity,
    description,
    mitigation: htmlToText(alert.get('solution')),
    references: references || undefined,
    cwe,
    vulnIdFromTool: alert.get('pluginid')?.trim() || undefined,
    endpoints,
    evidence: evidence ? evidence.slice(0, 4000) : undefined,
    date,
    staticFinding: false,
    dynamicFinding: true,
  };
}

function fromXml(input: Buffer): { findings: ParsedFinding[]; scanDate?: string } {
  const doc = parseXml(input, { arrays: ['site', 'alertitem', 'instance'] }, 'ZAP XML report');
  const root = asRecord(doc.OWASPZAPReport);
  if (!root && doc.OWASPZAPReport !== '') {
    throw new ParseError('Not a ZAP XML report: the root element must be <OWASPZAPReport>', { path: '/' });
  }
  const date = isoDate(root?.['@_generated']);
  const findings: ParsedFinding[] = [];
  asArray(root?.site as unknown[]).forEach((siteNode, s) => {
    const site = asRecord(siteNode);
    const alerts = asRecord(site?.alerts);
    asArray(alerts?.alertitem as unknown[]).forEach((itemNode, a) => {
      const item = asRecord(itemNode);
      const path = `/OWASPZAPReport/site[${s + 1}]/alerts/alertitem[${a + 1}]`;
      if (!item) throw new ParseError(`ZAP report: ${path} is empty`, { path });
      const instances = asArray(asRecord(item.instances)?.instance as unknown[]).map((n) => {
        const inst = asRecord(n) ?? {};
        return {
          uri: textOf(inst.uri),
          method: textOf(inst.method),
          param: textOf(inst.param),
          evidence: textOf(inst.evidence),
        };
      });
      findings.push(alertFinding({ get: (name) => textOf(item[name]), instances }, path, date));
    });
  });
  return { findings, scanDate: date };
}

function fromJson(input: Buffer): { findings: ParsedFinding[]; scanDate?: string } {
  const report = asRecord(parseJson(input, 'ZAP JSON report'));
  if (!report || !('site' in report)) {
    throw new ParseError('Not a ZAP JSON report: missing "site"', { path: '$' });
  }
  const date = isoDate(report['@generated']);
  const sites = Array.isArray(report.site) ? report.site : [report.site];
  const findings: ParsedFinding[] = [];
  sites.forEach((siteValue, s) => {
    const site = asRecord(siteValue);
    if (!site) throw new ParseError(`ZAP JSON report: site[${s}] is not an object`, { path: `site[${s}]` });
    asList(site.alerts).forEach((alertValue, a) => {
      const path = `site[${s}].alerts[${a}]`;
      const alert = asRecord(alertValue) as JsonRecord | undefined;
      if (!alert) throw new ParseError(`ZAP JSON report: ${path} is not an object`, { path });
      const instances = asList(alert.instances).map((v) => {
        const inst = asRecord(v) ?? {};
        return {
          uri: asText(inst.uri),
          method: asText(inst.method),
          param: asText(inst.param),
          evidence: asText(inst.evidence),
        };
      });
      findings.push(alertFinding({ get: (name) => asText(alert[name]), instances }, path, date));
    });
  });
  return { findings, scanDate: date };
}

export const zapParser: Parser = {
  id: 'zap',
  scanTypes: ['ZAP Scan'],
  description: 'OWASP ZAP XML report (and ZAP traditional-json report).',
  fileTypes: ['xml', 'json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'severity'] },
  parse(input) {
    const head = input
      .toString('utf8', 0, Math.min(input.length, 512))
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('{')) return guardParseSync('ZAP JSON report', () => fromJson(input));
    if (head.startsWith('<')) return guardParseSync('ZAP XML report', () => fromXml(input));
    if (head === '') throw new ParseError('ZAP report is empty', { offset: 0 });
    throw new ParseError('Not a ZAP report: expected an XML or JSON document', { offset: 0 });
  },
};
