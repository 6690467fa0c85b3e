import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { parseCwe, toInt } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Semgrep `--json` (and Opengrep, same schema). One finding per result; results with the same
 * rule id, path and start line are merged (occurrences), as DefectDojo's parser does. The
 * Semgrep supply-chain export ({"vulns": [...]}) is read too.
 */

const SEVERITY: Record<string, Severity> = {
  CRITICAL: 'Critical',
  ERROR: 'High',
  HIGH: 'High',
  WARNING: 'Medium',
  MEDIUM: 'Medium',
  INFO: 'Low',
  LOW: 'Low',
};

function semgrepSeverity(raw: unknown, path: string): Severity {
  const word = (asText(raw) ?? '').toUpperCase();
  const severity = SEVERITY[word];
  if (!severity) throw new ParseError(`Semgrep report: unknown severity "${asText(raw) ?? ''}" at ${path}`, { path });
  return severity;
}

/** "CWE-79: Improper Neutralization..." (or a list of them) → 79. */
function firstCwe(value: unknown): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const text = asText(first);
  return text ? parseCwe(text.split(':')[0]) : undefined;
}

/** The fingerprint, unless Semgrep hid it behind "requires login". */
function fingerprint(extra: JsonRecord | undefined): string | undefined {
  const value = asText(extra?.fingerprint);
  return value && value !== 'requires login' ? value : undefined;
}

function description(extra: JsonRecord): string {
  let text = `**Result message:** ${asText(extra.message) ?? ''}\n`;
  const snippet = asText(extra.lines);
  if (snippet !== undefined) text += `**Snippet:**\n\`\`\`${snippet}\`\`\`\n`;
  return text;
}

function resultFinding(item: JsonRecord, path: string): ParsedFinding {
  const checkId = asText(item.check_id);
  const extra = asRecord(item.extra);
  const file = asText(item.path);
  const line = toInt(asRecord(item.start)?.line);
  if (!checkId || !extra || file === undefined || line === undefined) {
    throw new ParseError(`Semgrep report: ${path} lacks check_id, path, start.line or extra`, { path });
  }
  const metadata = asRecord(extra.metadata) ?? {};
  let mitigation: string | undefined;
  if (extra.fix !== undefined) mitigation = asText(extra.fix);
  else if (extra.fix_regex !== undefined) {
    mitigation = [
      '**You can automaticaly apply this regex:**',
      '\n```\n',
      JSON.stringify(extra.fix_regex),
      '\n```\n',
    ].join('\n');
  }
  const references = asList(metadata.references).map((r) => asText(r) ?? '');
  return {
    title: checkId,
    severity: semgrepSeverity(extra.severity, `${path}.extra.severity`),
    description: description(extra),
    filePath: file,
    line,
    cwe: firstCwe(metadata.cwe),
    references: references.length ? references.join('\n') : undefined,
    mitigation,
    vulnIdFromTool: checkId,
    uniqueIdFromTool: fingerprint(extra),
    staticFinding: true,
    dynamicFinding: false,
  };
}

function vulnFinding(item: JsonRecord, path: string): ParsedFinding {
  const advisory = asRecord(item.advisory);
  const location = asRecord(item.dependencyFileLocation);
  const file = asText(location?.path);
  const line = toInt(location?.startLine);
  if (!advisory || file === undefined || line === undefined) {
    throw new ParseError(`Semgrep report: ${path} lacks advisory or dependencyFileLocation`, { path });
  }
  return {
    title: asText(item.title) ?? '',
    severity: semgrepSeverity(advisory.severity, `${path}.advisory.severity`),
    description: asText(advisory.description),
    filePath: file,
    line,
    cwe: firstCwe(asRecord(advisory.references)?.cweIds),
    vulnIdFromTool: asText(item.repositoryId),
    uniqueIdFromTool: fingerprint(asRecord(item.extra)),
    staticFinding: true,
    dynamicFinding: false,
  };
}

function semgrepFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  const isResults = report !== undefined && Array.isArray(report.results);
  if (!report || (!isResults && !Array.isArray(report.vulns))) {
    throw new ParseError('Not a Semgrep report: missing results array', { path: '$' });
  }
  const merged = new OccurrenceMap();
  const key = isResults ? 'results' : 'vulns';
  asList(report[key]).forEach((entry, i) => {
    const item = asRecord(entry);
    const path = `${key}[${i}]`;
    if (!item) throw new ParseError(`Semgrep report: ${path} is not an object`, { path });
    const finding = key === 'results' ? resultFinding(item, path) : vulnFinding(item, path);
    merged.add(`${finding.title}${finding.filePath}${finding.line}`, finding);
  });
  return merged.values();
}

export const semgrepParser: Parser = {
  id: 'semgrep',
  scanTypes: ['Semgrep JSON Report'],
  description: 'Semgrep / Opengrep JSON output (semgrep --json).',
  fileTypes: ['json'],
  dedup: {
    algorithm: 'unique_id_from_tool_or_hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  },
  parse(input) {
    const doc = parseJson(input, 'Semgrep report');
    return guardParseSync('Semgrep report', () => ({ findings: semgrepFindings(doc) }));
  },
};
