import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * "Trufflehog3 Scan": the JSON array written by the truffleHog3 fork (feeltheajf/truffleHog3).
 * Legacy 2.x entries (`reason`) merge per file + reason; 3.x entries (`rule`) merge per
 * title + secret + severity + line, repeats counted as occurrences — as DefectDojo does.
 */

const IMPACT =
  'This weakness can lead to the exposure of resources or functionality to unintended actors, possibly providing ' +
  'attackers with sensitive information or even execute arbitrary code.';

function legacyFinding(item: JsonRecord): { key: string; finding: ParsedFinding } {
  const file = asText(item.path) ?? '';
  const reason = asText(item.reason) ?? '';
  const commit = asText(item.commit) ?? 'None';
  let description = `**Commit:** ${commit.split('\n')[0]}\n\n\`\`\`\n${commit.replace(/```/g, '\\`\\`\\`')}\n\`\`\`\n`;
  description += `**Commit Hash:** ${asText(item.commitHash) ?? 'None'}\n**Commit Date:** ${asText(item.date) ?? ''}\n`;
  description += `**Branch:** ${asText(item.branch) ?? 'None'}\n**Reason:** ${reason}\n**Path:** ${file}\n`;
  const strings = asList(item.stringsFound)
    .map((s) => `${asText(s) ?? ''}\n`)
    .join('');
  description += `\n**Strings Found:**\n\`\`\`\n${strings}\n\`\`\`\n`;
  let severity: Severity = 'High';
  if (reason === 'High Entropy') severity = 'Info';
  else if (/Oauth|AWS|Heroku/.test(reason)) severity = 'Critical';
  else if (reason === 'Generic Secret') severity = 'Medium';
  return {
    key: `legacy|${file}${reason}`,
    finding: {
      title: `Hard Coded ${reason} in: ${file}`,
      cwe: 798,
      description,
      severity,
      mitigation: 'Secrets and passwords should be stored in a secure vault and/or secure storage.',
      impact: IMPACT,
      filePath: file,
      line: 0,
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function currentFinding(item: JsonRecord): { key: string; finding: ParsedFinding } {
  const rule = asRecord(item.rule) ?? {};
  const message = asText(rule.message) ?? 'None';
  const rawSeverity = asText(rule.severity) ?? '';
  const file = asText(item.path) ?? 'None';
  const line = toInt(item.line) || 0;
  const secret = asText(item.secret) ?? '';
  const title = `${message} found in ${file}`;
  let description = `**Secret:** ${secret}\n`;
  const context = asRecord(item.context);
  if (context && Object.keys(context).length) {
    description += '**Context:**\n';
    for (const [key, value] of Object.entries(context)) description += `    ${key}: ${asText(value) ?? ''}\n`;
  }
  const branch = asText(item.branch);
  if (branch) description += `**Branch:** ${branch}\n`;
  const commitMessage = asText(item.message);
  if (commitMessage) {
    description += commitMessage.includes('\n')
      ? `**Commit message:** \n\`\`\`\n${commitMessage.replace(/```/g, '\\`\\`\\`')}\n\`\`\`\n`
      : `**Commit message:** ${commitMessage}\n`;
  }
  const commit = asText(item.commit);
  if (commit) description += `**Commit hash:** ${commit}\n`;
  const date = asText(item.date);
  if (date) description += `**Commit date:** ${date}\n`;
  description = description.replace(/\n$/, '');
  return {
    key: `current|${title}${secret}${rawSeverity}${line}`,
    finding: {
      title,
      cwe: 798,
      description,
      severity: normalizeSeverity(rawSeverity, 'Info'),
      mitigation: 'Secrets and passwords should be stored in a secure vault or secure storage.',
      impact: IMPACT,
      filePath: file,
      line,
      vulnIdFromTool: asText(rule.id),
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function trufflehog3Findings(doc: unknown): ParsedFinding[] {
  if (!Array.isArray(doc))
    throw new ParseError('Not a Trufflehog3 report: expected a JSON array of issues', { path: '$' });
  const merged = new OccurrenceMap();
  doc.forEach((entry, i) => {
    const path = `[${i}]`;
    const item = asRecord(entry);
    if (!item) throw new ParseError(`Trufflehog3 report: ${path} is not an object`, { path });
    let parsed: { key: string; finding: ParsedFinding };
    if (item.reason) parsed = legacyFinding(item);
    else if (item.rule) parsed = currentFinding(item);
    else throw new ParseError(`Trufflehog3 report: ${path} has neither "reason" (2.x) nor "rule" (3.x)`, { path });
    const separator = item.reason ? '' : '\n\n***\n\n';
    merged.add(parsed.key, parsed.finding, (kept, repeat) => {
      kept.description = `${kept.description}${separator}${repeat.description}`;
    });
  });
  return merged.values();
}

export const trufflehog3Parser: Parser = {
  id: 'trufflehog3',
  scanTypes: ['Trufflehog3 Scan'],
  description: 'truffleHog3 JSON report (trufflehog3 --format json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const doc = parseJson(input, 'Trufflehog3 report');
    return guardParseSync('Trufflehog3 report', () => ({ findings: trufflehog3Findings(doc) }));
  },
};
