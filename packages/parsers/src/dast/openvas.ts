import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { asRecord, guardParseSync } from '../common/json-shape.ts';
import { asArray, decodeXmlText, parseXml, textOf } from '../common/xml.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { toFloat } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import {
  addV2,
  cleanupText,
  locationEndpoint,
  postprocess,
  validSeverity,
  type AuxData,
  type Location,
} from './openvas-common.ts';
import { openvasCsvV1, openvasCsvV2 } from './openvas-csv.ts';

/**
 * Greenbone / OpenVAS XML report (and CSV, see openvas-csv.ts), as DefectDojo reads it:
 * "OpenVAS Parser" (v1) makes one finding per <result>, titled "name_host_port";
 * "OpenVAS Parser v2" titles by NVT name and merges results with the same host/port, title, NVT OID
 * and severity into one finding (occurrences counted).
 */

type Node = Record<string, unknown>;

function resultsOf(input: Buffer): Node[] {
  const doc = parseXml(input, { arrays: ['result', 'ref'] }, 'OpenVAS XML report');
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (!rootName?.includes('report')) {
    throw new ParseError('Not a Greenbone/OpenVAS XML report: the root element must be <report>', { path: '/' });
  }
  const outer = asRecord(doc[rootName]) ?? {};
  const inner = asRecord(outer.report) ?? {};
  return asArray(asRecord(inner.results)?.result as unknown[]).map((r, i) => {
    const result = asRecord(r);
    if (!result)
      throw new ParseError(`OpenVAS report: result[${i + 1}] is empty`, {
        path: `/report/report/results/result[${i + 1}]`,
      });
    return result;
  });
}

const text = (node: Node, name: string) => textOf(node[name]);
const attr = (node: unknown, name: string) => {
  const v = asRecord(node)?.[`@_${name}`];
  return typeof v === 'string' ? decodeXmlText(v) : undefined;
};

function splitPort(port: string | undefined, loc: Location): void {
  if (!port) return;
  const parts = port.split('/');
  if (parts.length !== 2) return;
  loc.protocol = parts[1];
  if (/^\s*-?\d+\s*$/.test(parts[0])) loc.port = Number(parts[0]);
}

function v1Finding(result: Node): ParsedFinding {
  const name = text(result, 'name') ?? '';
  const host = text(result, 'host');
  const hostname = text(result, 'hostname');
  const port = text(result, 'port');
  const loc: Location = {};
  let title = name;
  const description = [`**Name**: ${name}`];
  if ('hostname' in result) {
    title += `_${hostname ?? ''}`;
    description.push(`**Hostname**: ${hostname ?? ''}`);
    if (hostname) loc.host = hostname.trim();
  }
  if ('host' in result) {
    title += `_${host ?? ''}`;
    description.push(`**Host**: ${host ?? ''}`);
    if (!loc.host && host) loc.host = host.trim();
  }
  if ('port' in result) {
    title += `_${port ?? ''}`;
    description.push(`**Port**: ${port ?? ''}`);
    splitPort(port, loc);
  }
  const nvt = asRecord(result.nvt);
  if ('nvt' in result) description.push(`**NVT**: ${textOf(result.nvt) ?? ''}`);
  for (const [tag, label] of [
    ['severity', 'Severity'],
    ['threat', 'Threat'],
    ['qod', 'QOD'],
    ['description', 'Description'],
  ] as const) {
    if (tag in result)
      description.push(`**${label}**: ${textOf(result[tag]) ?? textOf(asRecord(result[tag])?.value) ?? ''}`);
  }
  return {
    title,
    severity: validSeverity(text(result, 'threat')) ?? 'Info',
    description: description.join('\n'),
    vulnIdFromTool: attr(nvt, 'oid') ?? textOf(result.nvt),
    endpoints: locationEndpoint(loc),
    staticFinding: false,
    dynamicFinding: true,
  };
}

function parseTags(value: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of (value ?? '').trim().split('|')) {
    const idx = part.indexOf('=');
    if (idx === -1 || part.length < idx + 2) continue;
    tags[part.slice(0, idx)] = part.slice(idx + 1);
  }
  return tags;
}

function v2Finding(result: Node): { finding: ParsedFinding; loc: Location } {
  const finding: ParsedFinding = {
    title: '',
    severity: 'Info',
    description: '',
    staticFinding: false,
    dynamicFinding: true,
  };
  const aux: AuxData = { references: [] };
  const loc: Location = {};
  const name = text(result, 'name');
  if (name) finding.title = name;
  const nvt = asRecord(result.nvt);
  if (nvt) {
    finding.vulnIdFromTool = attr(nvt, 'oid');
    const nvtName = textOf(nvt.name);
    if (nvtName) finding.title = nvtName;
    const solution = textOf(nvt.solution);
    if (solution) finding.mitigation = cleanupText(solution);
    const refs = asArray(asRecord(nvt.refs)?.ref as unknown[]);
    const cves = refs
      .filter((r) => attr(r, 'type') === 'cve')
      .map((r) => attr(r, 'id') ?? '')
      .filter(Boolean);
    if (cves.length) finding.vulnerabilityIds = cves;
    aux.references = refs
      .filter((r) => attr(r, 'type') !== 'cve')
      .map((r) => attr(r, 'id') ?? '')
      .filter(Boolean);
    const tags = parseTags(textOf(nvt.tags));
    if (tags.summary) aux.summary = tags.summary;
    if (tags.impact) finding.impact = cleanupText(tags.impact);
    const cvss = parseCvss3(tags.cvss_base_vector);
    if (cvss) finding.cvssv3 = cvss.vector;
  }
  const qod = asRecord(result.qod);
  if (qod) aux.qod = textOf(qod.value);
  const host = textOf(result.host);
  if (host) {
    const hostname = textOf(asRecord(result.host)?.hostname);
    loc.host = (hostname || host).trim();
  }
  splitPort(text(result, 'port'), loc);
  const score = toFloat(text(result, 'severity'));
  if (score !== undefined) aux.fallbackScore = score;
  const threat = validSeverity(text(result, 'threat'));
  if (threat) finding.severity = threat;
  const desc = text(result, 'description');
  if (desc) aux.result = desc.trim();
  postprocess(finding, aux);
  finding.endpoints = locationEndpoint(loc);
  return { finding, loc };
}

function isXml(input: Buffer): boolean {
  return input
    .toString('utf8', 0, Math.min(256, input.length))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
}

function notEmpty(input: Buffer): void {
  if (input.toString('utf8').trim() === '') throw new ParseError('OpenVAS report is empty', { offset: 0 });
}

export const openvasParser: Parser = {
  id: 'openvas',
  scanTypes: ['OpenVAS Parser'],
  description: 'Greenbone / OpenVAS XML or CSV report (DefectDojo v1 parser: one finding per result).',
  fileTypes: ['xml', 'csv'],
  dedup: { algorithm: 'legacy', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    notEmpty(input);
    if (isXml(input))
      return guardParseSync('OpenVAS XML report', () => ({ findings: resultsOf(input).map(v1Finding) }));
    return guardParseSync('OpenVAS CSV report', () => ({ findings: openvasCsvV1(input) }));
  },
};

export const openvasV2Parser: Parser = {
  id: 'openvas-v2',
  scanTypes: ['OpenVAS Parser v2'],
  description: 'Greenbone / OpenVAS XML or CSV report (DefectDojo v2 parser: identical results merged).',
  fileTypes: ['xml', 'csv'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'vulnIdFromTool', 'endpoints'] },
  parse(input) {
    notEmpty(input);
    if (!isXml(input)) return guardParseSync('OpenVAS CSV report', () => ({ findings: openvasCsvV2(input) }));
    return guardParseSync('OpenVAS XML report', () => {
      const merged = new OccurrenceMap();
      for (const result of resultsOf(input)) {
        const { finding, loc } = v2Finding(result);
        addV2(merged, finding, loc);
      }
      return { findings: merged.values() };
    });
  },
};
