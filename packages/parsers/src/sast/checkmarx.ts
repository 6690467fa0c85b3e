import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { asArray, decodeXmlText, parseXml, textOf } from '../common/xml.ts';
import { guardParseSync } from '../common/json-shape.ts';
import { isoDate, parseCwe, toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import { checkmarxJsonFindings } from './checkmarx-json.ts';

/**
 * Checkmarx CxSAST XML report (CxXMLResults > Query > Result > Path > PathNode).
 * "Checkmarx Scan" aggregates, like DefectDojo, every Result sharing CWE + severity + sink file
 * (the last PathNode) into one finding, across queries, counting occurrences and joining the
 * query ids. "Checkmarx Scan detailed" keeps one finding per Result (unique id = SimilarityId +
 * PathId). A JSON export ({"scanResults": ...}) is read too.
 */

type Node = Record<string, unknown>;
const attr = (node: Node, name: string): string | undefined => {
  const value = node[`@_${name}`];
  return value === undefined || value === null ? undefined : decodeXmlText(String(value));
};

interface PathPoint {
  file?: string;
  line?: number;
  name?: string;
}

function point(node: Node | undefined): PathPoint {
  if (!node) return {};
  return { file: textOf(node.FileName), line: toInt(textOf(node.Line)), name: textOf(node.Name) };
}

function queryDetail(query: Node, result: Node): string {
  let detail = `**Category:** ${attr(query, 'categories') ?? ''}\n**Language:** ${attr(query, 'Language') ?? ''}\n`;
  detail += `**Group:** ${(attr(query, 'group') ?? '').replace(/_/g, ' ')}\n`;
  const status = attr(result, 'Status');
  if (status !== undefined) detail += `**Status:** ${status}\n`;
  const link = attr(result, 'DeepLink') ?? 'None';
  return `${detail}**Finding Link:** [${link}](${link})\n`;
}

function detailedDescription(nodes: Node[]): string {
  let text = '';
  for (const node of nodes) {
    const line = textOf(node.Line);
    if (line) text += `**Line Number:** ${line}\n`;
    const column = textOf(node.Column);
    if (column) text += `**Column:** ${column}\n`;
    const name = textOf(node.Name);
    if (name) text += `**Source Object:** ${name}\n`;
    for (const fragment of asArray((node.Snippet as Node | undefined)?.Line as Node | Node[] | undefined)) {
      text += `**Number:** ${textOf(fragment.Number) ?? ''}\n**Code:** ${(textOf(fragment.Code) ?? '').trim()}\n`;
    }
    text += '-----\n';
  }
  return text;
}

const ACTIVE_STATES = new Set(['0', '2', '3', '4']);
const VERIFIED_STATES = new Set(['2', '3']);

function xmlFindings(input: Buffer, detailed: boolean): { findings: ParsedFinding[]; scanDate?: string } {
  const doc = parseXml(input, {}, 'Checkmarx XML report');
  const root = doc.CxXMLResults as Node | undefined;
  if (!root || typeof root !== 'object')
    throw new ParseError('Not a Checkmarx XML report: missing CxXMLResults root element', { path: '/' });
  const date = isoDate(attr(root, 'ScanStart'));
  const merged = new OccurrenceMap();
  const queryIds = new Map<string, string[]>();
  asArray(root.Query as Node | Node[] | undefined).forEach((query) => {
    const name = attr(query, 'name') ?? '';
    const cweText = attr(query, 'cweId');
    const cwe = parseCwe(cweText);
    const queryId = attr(query, 'id') ?? '';
    const titleStart = name.replace(/_/g, ' ');
    asArray(query.Result as Node | Node[] | undefined).forEach((result) => {
      const paths = asArray(result.Path as Node | Node[] | undefined);
      const path = paths[paths.length - 1];
      const nodes = asArray(path?.PathNode as Node | Node[] | undefined);
      if (!path || nodes.length === 0) return;
      const source = point(nodes[0]);
      const sink = point(nodes[nodes.length - 1]);
      const severityWord = attr(result, 'Severity');
      const state = attr(result, 'state');
      const title = sink.file ? `${titleStart} (${sink.file.split('/').pop()})` : titleStart;
      const base: ParsedFinding = {
        title,
        cwe,
        severity: normalizeSeverity(severityWord, 'Info'),
        filePath: sink.file,
        date,
        active: ACTIVE_STATES.has(state ?? ''),
        verified: VERIFIED_STATES.has(state ?? ''),
        falsePositive: attr(result, 'FalsePositive') === 'True',
        staticFinding: true,
        dynamicFinding: false,
      };
      if (detailed) {
        const pathId = `${attr(path, 'SimilarityId') ?? 'None'}${attr(path, 'PathId') ?? 'None'}`;
        const key = `${attr(query, 'categories') ?? ''}|${cweText}|${name}|${sink.file}|${pathId}`;
        merged.set(key, {
          ...base,
          description: `${queryDetail(query, result)}-----\n${detailedDescription(nodes)}`,
          line: sink.line,
          uniqueIdFromTool: pathId,
          vulnIdFromTool: queryId,
        });
        return;
      }
      let description =
        `${queryDetail(query, result)}<b>Source file: </b>${source.file} ` +
        `(line ${source.line})\n<b>Source object: </b> ${source.name}`;
      description += `\n<b>Sink file: </b>${sink.file} (line ${sink.line})\n<b>Sink object: </b> ${sink.name}`;
      const key = `${cweText}|${severityWord}|${sink.file}`;
      const isNew = merged.add(key, { ...base, description }, (kept, repeat) => {
        if (kept.occurrences === 2) kept.description = `### 1. ${kept.title}\n${kept.description}`;
        kept.description =
          `${kept.description}\n\n-----\n### ${kept.occurrences}. ` + `${repeat.title}\n${repeat.description}`;
        if (attr(result, 'FalsePositive') === 'False') kept.falsePositive = false;
        if (repeat.active) kept.active = true;
        if (repeat.verified) kept.verified = true;
      });
      const ids = queryIds.get(key) ?? [];
      if (isNew || !ids.includes(queryId)) queryIds.set(key, [...ids, queryId]);
    });
  });
  const findings = merged.values();
  if (!detailed) {
    const keys = [...queryIds.keys()];
    findings.forEach((finding, i) => {
      finding.vulnIdFromTool = (queryIds.get(keys[i]) ?? []).join(',').slice(0, 500);
    });
  }
  return { findings, scanDate: date };
}

function parseCheckmarx(input: Buffer, detailed: boolean): { findings: ParsedFinding[]; scanDate?: string } {
  const head = input
    .toString('utf8', 0, Math.min(input.length, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return { findings: checkmarxJsonFindings(input) };
  return guardParseSync('Checkmarx XML report', () => xmlFindings(input, detailed));
}

export const checkmarxParser: Parser = {
  id: 'checkmarx',
  scanTypes: ['Checkmarx Scan'],
  description: 'Checkmarx CxSAST XML report, aggregated per CWE, severity and sink file.',
  fileTypes: ['xml', 'json'],
  dedup: { algorithm: 'hash_code', hashFields: ['cwe', 'severity', 'filePath'] },
  parse: (input) => parseCheckmarx(input, false),
};

export const checkmarxDetailedParser: Parser = {
  id: 'checkmarx-detailed',
  scanTypes: ['Checkmarx Scan detailed'],
  description: 'Checkmarx CxSAST XML report, one finding per result path.',
  fileTypes: ['xml', 'json'],
  dedup: { algorithm: 'unique_id_from_tool', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse: (input) => parseCheckmarx(input, true),
};
