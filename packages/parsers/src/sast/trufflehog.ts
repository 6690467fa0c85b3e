import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJsonLines } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * "Trufflehog Scan": trufflehog JSON Lines (`trufflehog ... --json`), one object per line.
 * As in DefectDojo, the first line decides the layout: v3 (`SourceMetadata`) or v2 (`path`);
 * results are merged per file + detector (v3) or file + reason (v2), repeats counted as occurrences.
 * The trufflehog3 fork (a JSON array) is the separate "Trufflehog3 Scan" type.
 */

const MITIGATION = 'Secrets and passwords should be stored in a secure vault and/or secure storage.';
const IMPACT =
  'This weakness can lead to the exposure of resources or functionality to unintended actors, possibly providing ' +
  'attackers with sensitive information or even execute arbitrary code.';

function walk(value: unknown, depth = 1): string {
  const record = asRecord(value);
  if (!record) return '';
  let out = '';
  for (const [key, item] of Object.entries(record)) {
    if (asRecord(item)) out += walk(item, depth + 1);
    else out += `${'\t'.repeat(depth)}${key}: ${typeof item === 'string' ? item : JSON.stringify(item)}\n`;
  }
  return out;
}

function v3Finding(item: JsonRecord): { key: string; finding: ParsedFinding } {
  const data = asRecord(asRecord(item.SourceMetadata)?.Data);
  const sourceKey = data ? Object.keys(data)[0] : undefined;
  const source = (sourceKey && asRecord(data?.[sourceKey])) || {};
  const file = asText(source.file) ?? '';
  const detector = asText(item.DetectorName) ?? '';
  const link = asText(source.link) ?? '';
  let description = `**Repository:** ${asText(source.repository) ?? ''}\n**Link:** ${link}\n`;
  description +=
    `**Commit Hash:** ${asText(source.commit) ?? ''}\n**Commit ` + `Date:** ${asText(source.timestamp) ?? ''}\n`;
  description += `**Committer:** ${asText(source.email) ?? ''}\n**Reason:** ${detector}\n**Path:** ${file}\n`;
  description += `**Contents:** ${asText(item.Redacted) ?? ''}\n`;
  if (asRecord(item.StructuredData) && Object.keys(item.StructuredData as object).length) {
    description += `**Structured Data:**\n${walk(item.StructuredData)}\n`;
  }
  if (asRecord(item.ExtraData) && Object.keys(item.ExtraData as object).length) {
    description += `**Extra Data:**\n${walk(item.ExtraData)}\n`;
  }
  let severity: Severity = 'Critical';
  if (!item.Verified) {
    if (/Oauth|AWS|Heroku/.test(detector)) severity = 'Critical';
    else if (detector === 'PrivateKey') severity = 'High';
    else if (detector === 'Generic Secret') severity = 'Medium';
  }
  return {
    key: `${file}${detector}`,
    finding: {
      title: `Hard Coded ${detector} secret in: ${file}`,
      cwe: 798,
      description,
      severity,
      mitigation: link ? `${MITIGATION}\nSee the commit here: ${link}` : MITIGATION,
      impact: IMPACT,
      references: 'N/A',
      filePath: file,
      line: toInt(source.line) ?? 0,
      vulnIdFromTool: detector || undefined,
      verified: item.Verified === true ? true : undefined,
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function v2Finding(item: JsonRecord, path: string): { key: string; finding: ParsedFinding } {
  const file = asText(item.path) ?? '';
  const reason = asText(item.reason);
  if (reason === undefined) throw new ParseError(`Trufflehog report: ${path} lacks "reason"`, { path });
  const commit = asText(item.commit) ?? 'None';
  let description = `**Commit:** ${commit.split('\n')[0]}\n\`\`\`\n${commit.replace(/```/g, '\\`\\`\\`')}\n\`\`\`\n`;
  description += `**Commit Hash:** ${asText(item.commitHash) ?? ''}\n**Commit Date:** ${asText(item.date) ?? ''}\n`;
  description += `**Branch:** ${asText(item.branch) ?? ''}\n**Reason:** ${reason}\n**Path:** ${file}\n`;
  const strings = asList(item.stringsFound)
    .map((s) => `${asText(s) ?? ''}\n`)
    .join('');
  description += `\n**Strings Found:**\n\`\`\`${strings}\`\`\`\n`;
  let severity: Severity = 'High';
  if (reason === 'High Entropy') severity = 'Info';
  else if (/Oauth|AWS|Heroku/.test(reason)) severity = 'Critical';
  else if (reason === 'Generic Secret') severity = 'Medium';
  return {
    key: `${file}${reason}`,
    finding: {
      title: `Hard Coded ${reason} in: ${file}`,
      cwe: 798,
      description,
      severity,
      mitigation: MITIGATION,
      impact: IMPACT,
      references: 'N/A',
      filePath: file,
      line: 0,
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function trufflehogFindings(lines: unknown[]): ParsedFinding[] {
  if (lines.length === 0) return [];
  const first = asRecord(lines[0]);
  if (!first) throw new ParseError('Not a Trufflehog report: line 1 is not a JSON object', { line: 1 });
  const isV3 = 'SourceMetadata' in first;
  if (!isV3 && !('path' in first)) {
    throw new ParseError(
      'Not a Trufflehog report: the first result has neither "SourceMetadata" (v3) nor "path" (v2)',
      { line: 1 },
    );
  }
  const merged = new OccurrenceMap();
  lines.forEach((entry, i) => {
    const item = asRecord(entry);
    const path = `result ${i + 1}`;
    if (!item) throw new ParseError(`Trufflehog report: ${path} is not a JSON object`, { path });
    const { key, finding } = isV3 ? v3Finding(item) : v2Finding(item, path);
    merged.add(key, finding, (kept, repeat) => {
      kept.description = `${kept.description}${repeat.description}`;
    });
  });
  return merged.values();
}

export const trufflehogParser: Parser = {
  id: 'trufflehog',
  scanTypes: ['Trufflehog Scan'],
  description: 'Trufflehog v2/v3 JSON Lines output (trufflehog --json).',
  fileTypes: ['json', 'jsonl'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'description', 'line'] },
  parse(input) {
    const lines = parseJsonLines(input, 'Trufflehog report');
    return guardParseSync('Trufflehog report', () => ({ findings: trufflehogFindings(lines) }));
  },
};
