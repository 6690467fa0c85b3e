import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, parseCwe, toFloat, toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { endpointFrom } from './generic-endpoint.ts';
import { genericCsvFindings } from './generic-csv.ts';

/** DefectDojo "Generic Findings Import": JSON {"findings": [...]} with Finding field names, or the generic CSV. */

const REQUIRED = ['title', 'severity', 'description'];

const bool = (value: unknown): boolean | undefined =>
  typeof value === 'boolean'
    ? value
    : value === undefined || value === null
      ? undefined
      : ['true', '1', 'yes'].includes(String(value).toLowerCase());

function jsonFinding(item: JsonRecord, index: number): ParsedFinding {
  const missing = REQUIRED.filter((k) => !has(item, k)).sort();
  if (missing.length) {
    throw new ParseError(`Generic findings[${index}]: required fields are missing: ${missing.join(', ')}`, {
      path: `findings[${index}]`,
    });
  }
  const text = (key: string) => asText(item[key]);
  const ids = [text('cve'), ...asList(item.vulnerability_ids).map((v) => asText(v))].filter((v): v is string => !!v);
  const endpoints = asList(item.endpoints)
    .map(endpointFrom)
    .filter((e) => e !== undefined);
  const tags = Array.isArray(item.tags)
    ? item.tags.map((t) => asText(t)).filter((t): t is string => !!t)
    : text('tags')
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
  return {
    title: text('title') ?? '',
    severity: normalizeSeverity(item.severity, 'Info'),
    description: text('description'),
    date: isoDate(item.date),
    cwe: parseCwe(item.cwe),
    vulnerabilityIds: ids.length ? [...new Set(ids)] : undefined,
    cvssv3: text('cvssv3'),
    cvssv3Score: toFloat(item.cvssv3_score),
    cvssv4: text('cvssv4'),
    cvssv4Score: toFloat(item.cvssv4_score),
    epssScore: toFloat(item.epss_score),
    epssPercentile: toFloat(item.epss_percentile),
    mitigation: text('mitigation'),
    impact: text('impact'),
    references: text('references'),
    severityJustification: text('severity_justification'),
    active: bool(item.active),
    verified: bool(item.verified),
    falsePositive: bool(item.false_p),
    outOfScope: bool(item.out_of_scope),
    riskAccepted: bool(item.risk_accepted),
    mitigated: bool(item.is_mitigated),
    line: toInt(item.line),
    filePath: text('file_path'),
    componentName: text('component_name'),
    componentVersion: text('component_version'),
    staticFinding: bool(item.static_finding),
    dynamicFinding: bool(item.dynamic_finding),
    uniqueIdFromTool: text('unique_id_from_tool'),
    vulnIdFromTool: text('vuln_id_from_tool'),
    occurrences: toInt(item.nb_occurences),
    service: text('service'),
    tags: tags?.length ? tags : undefined,
    endpoints: endpoints.length ? endpoints : undefined,
  };
}

function genericJson(doc: unknown) {
  const root = asRecord(doc);
  if (!root || !has(root, 'findings'))
    throw new ParseError('Not a Generic Findings JSON: missing "findings" array', { path: '$.findings' });
  if (!Array.isArray(root.findings))
    throw new ParseError('Generic Findings JSON: "findings" is not an array', { path: '$.findings' });
  const findings = root.findings.map((item, i) => {
    const record = asRecord(item);
    if (!record) throw new ParseError(`Generic findings[${i}] is not an object`, { path: `findings[${i}]` });
    return jsonFinding(record, i);
  });
  return { findings, toolName: asText(root.name) ?? asText(root.type) };
}

export const genericParser: Parser = {
  id: 'generic',
  scanTypes: ['Generic Findings Import'],
  description: 'DefectDojo generic findings, JSON ({"findings": [...]}) or CSV.',
  fileTypes: ['json', 'csv'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input, ctx) {
    const text = input.toString('utf8').replace(/^\uFEFF/, '');
    const json = /\.json$/i.test(ctx.filename ?? '') || (!/\.csv$/i.test(ctx.filename ?? '') && /^\s*[{[]/.test(text));
    if (json) {
      const doc = parseJson(text, 'Generic Findings JSON');
      return guardParseSync('Generic Findings JSON', () => genericJson(doc));
    }
    return guardParseSync('Generic Findings CSV', () => ({ findings: genericCsvFindings(text) }));
  },
};
