import { ParseError, type ParsedEndpoint, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson, parseJsonLines } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, parseCwe, toFloat } from '../common/fields.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Nuclei JSON export (`-json-export`, a JSON array) or JSON Lines (`-jsonl`/`-json`). Results are
 * merged per template id + type + matcher name + host, collecting each distinct matched endpoint
 * and counting occurrences, as DefectDojo does.
 */

const SEVERITIES: Record<string, Severity> = {
  Critical: 'Critical',
  High: 'High',
  Medium: 'Medium',
  Low: 'Low',
  Info: 'Info',
};

/** "https://h:8443/p?q", "h:22" or "h" → endpoint parts; unparsable values keep only the raw text. */
function endpointOf(matched: string): ParsedEndpoint {
  const withScheme = matched.includes('://') ? matched : `//${matched}`;
  const m = /^(?:([a-z][a-z0-9+.-]*):)?\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?([^?#]*)?/i.exec(withScheme);
  if (!m) return { url: matched };
  const port = m[3] ? Number(m[3]) : undefined;
  return {
    url: matched.includes('://') ? matched : undefined,
    protocol: m[1]?.toLowerCase(),
    host: m[2] || undefined,
    port,
    path: m[4] ? m[4].replace(/^\//, '') || undefined : undefined,
  };
}

function sameEndpoint(a: ParsedEndpoint, b: ParsedEndpoint): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.port === b.port && a.path === b.path && a.url === b.url;
}

function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

function resultFinding(item: JsonRecord, path: string): { key: string; finding: ParsedFinding } {
  const info = asRecord(item.info);
  if (!info) throw new ParseError(`Nuclei report: ${path} lacks "info"`, { path });
  const templateId = asText(item['template-id']) ?? asText(item.templateID) ?? '';
  const rawSeverity = titleCase(asText(info.severity) ?? '');
  const severity = SEVERITIES[rawSeverity] ?? 'Low';
  const matched = asText(item['matched-at']) ?? asText(item.matched) ?? '';
  const endpoint = endpointOf(matched);
  const matcher = asText(item['matcher-name']) ?? asText(item.matcher_name);
  let description = asText(info.description);
  const extracted = asList(item['extracted-results']).map((r) => asText(r) ?? '');
  if (extracted.length) description = `${description ?? 'None'}\n**Results:**\n${extracted.join('\n')}`;
  const reference = info.reference;
  const references = Array.isArray(reference) ? reference.map((r) => asText(r) ?? '').join('\n') : asText(reference);
  const classification = asRecord(info.classification);
  const cves = asList(classification?.['cve-id'])
    .map((c) => (asText(c) ?? '').toUpperCase())
    .filter(Boolean);
  const cweList = asList(classification?.['cwe-id']);
  const cvss = parseCvss3(asText(classification?.['cvss-metrics']));
  const tags = Array.isArray(info.tags) ? info.tags.map((t) => asText(t) ?? '') : asText(info.tags)?.split(',');
  const curl = asText(item['curl-command']);
  const finding: ParsedFinding = {
    title: asText(info.name) ?? 'None',
    severity,
    description,
    references: references || undefined,
    mitigation: asText(info.remediation) || undefined,
    cwe: cweList.length ? parseCwe(cweList[0]) : undefined,
    vulnerabilityIds: cves.length ? cves : undefined,
    cvssv3: cvss?.vector,
    cvssv3Score: toFloat(classification?.['cvss-score']),
    componentName: matcher || undefined,
    endpoints: [endpoint],
    vulnIdFromTool: templateId,
    date: isoDate(item.timestamp),
    tags: tags?.filter(Boolean).length ? tags.filter(Boolean) : undefined,
    evidence: curl ? `curl command to reproduce the request:\n\`${curl}\`` : undefined,
    staticFinding: false,
    dynamicFinding: true,
  };
  const key = [templateId, asText(item.type) ?? '', matcher ?? '', endpoint.host ?? ''].join('|');
  return { key, finding };
}

function readItems(input: Buffer): unknown[] {
  const text = input.toString('utf8').replace(/^\uFEFF/, '');
  const head = text.trimStart()[0];
  if (head === undefined) return [];
  if (head === '[') {
    const doc = parseJson(text, 'Nuclei report');
    return doc as unknown[];
  }
  if (head === '{') return parseJsonLines(text, 'Nuclei report');
  throw new ParseError('Not a Nuclei report: expected a JSON array or JSON Lines of results', { offset: 0 });
}

function nucleiFindings(items: unknown[]): ParsedFinding[] {
  const merged = new OccurrenceMap();
  items.forEach((entry, i) => {
    const path = `result ${i + 1}`;
    const item = asRecord(entry);
    if (!item) throw new ParseError(`Nuclei report: ${path} is not an object`, { path });
    const { key, finding } = resultFinding(item, path);
    merged.add(key, finding, (kept, repeat) => {
      const endpoint = repeat.endpoints?.[0];
      if (endpoint && !kept.endpoints?.some((e) => sameEndpoint(e, endpoint)))
        kept.endpoints = [...(kept.endpoints ?? []), endpoint];
    });
  });
  return merged.values();
}

export const nucleiParser: Parser = {
  id: 'nuclei',
  scanTypes: ['Nuclei Scan'],
  description: 'Nuclei JSON export (array) or JSON Lines output.',
  fileTypes: ['json', 'jsonl'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'severity', 'componentName'] },
  parse(input) {
    const items = readItems(input);
    return guardParseSync('Nuclei report', () => ({ findings: nucleiFindings(items) }));
  },
};
