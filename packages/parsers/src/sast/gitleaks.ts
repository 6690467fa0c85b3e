import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, toInt } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';

/**
 * Gitleaks JSON, both layouts DefectDojo reads:
 * - v7 and older (`rule`, `offender`, `file`, `lineNumber`): repeats of offender+file+line are dropped;
 * - v8 (`Description`, `Secret`, `File`, `StartLine`): repeats of title+secret+line are merged
 *   into one finding with occurrences.
 * An empty report is `null` or `[]`.
 */

function legacyFinding(issue: JsonRecord, path: string): { key: string; finding: ParsedFinding } {
  const reason = asText(issue.rule) ?? '';
  const file = asText(issue.file);
  if (file === undefined) throw new ParseError(`Gitleaks report: ${path} lacks "file"`, { path });
  const line = toInt(issue.lineNumber);
  let description = `**Commit:** ${(asText(issue.commitMessage) ?? '').replace(/\n+$/, '')}\n`;
  description += `**Commit Hash:** ${asText(issue.commit) ?? ''}\n`;
  description += `**Commit Date:** ${asText(issue.date) ?? ''}\n`;
  description += `**Author:** ${asText(issue.author) ?? ''} <${asText(issue.email) ?? ''}>\n`;
  description += `**Reason:** ${reason}\n**Path:** ${file}\n`;
  if (line !== undefined) description += `**Line:** ${line}\n`;
  if (issue.operation !== undefined) description += `**Operation:** ${asText(issue.operation) ?? ''}\n`;
  if (issue.leakURL !== undefined)
    description += `**Leak URL:** [${asText(issue.leakURL)}](${asText(issue.leakURL)})\n`;
  const offender = asText(issue.offender) ?? '';
  const found = (asText(issue.line) ?? '').split(offender).join(offender ? 'REDACTED' : '');
  description += `\n**String Found:**\n\n\`\`\`\n${offender ? found : (asText(issue.line) ?? '')}\n\`\`\``;
  const severity: Severity = /Github|AWS|Heroku/.test(reason) ? 'Critical' : 'High';
  const tags = (asText(issue.tags) ?? '').split(', ').filter(Boolean);
  return {
    key: `${offender}${file}${line ?? 'None'}`,
    finding: {
      title: `Hard Coded ${reason}`,
      cwe: 798,
      description,
      severity,
      filePath: file,
      line,
      tags: tags.length ? tags : undefined,
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function currentFinding(issue: JsonRecord): { key: string; finding: ParsedFinding } {
  const reason = asText(issue.Description) ?? '';
  const line = toInt(issue.StartLine) || 0;
  const file = asText(issue.File);
  const secret = asText(issue.Secret) ?? '';
  const title = `Hard coded ${reason} found in ${file ?? 'None'}`;
  let description = '';
  if (secret) description += `**Secret:** ${secret}\n`;
  const match = asText(issue.Match);
  if (match) description += `**Match:** ${match}\n`;
  const message = asText(issue.Message);
  if (message) {
    description += message.includes('\n')
      ? `**Commit message:**\n\`\`\`\n${message.replace(/```/g, '\\`\\`\\`')}\n\`\`\`\n`
      : `**Commit message:** ${message}\n`;
  }
  const commit = asText(issue.Commit);
  if (commit) description += `**Commit hash:** ${commit}\n`;
  const date = asText(issue.Date);
  if (date) description += `**Commit date:** ${date}\n`;
  const ruleId = asText(issue.RuleID);
  if (ruleId) description += `**Rule Id:** ${ruleId}`;
  description = description.replace(/\n$/, '');
  const tags = Array.isArray(issue.Tags) ? issue.Tags.map((t) => asText(t) ?? '').filter(Boolean) : [];
  return {
    key: `${title}${secret}${line}`,
    finding: {
      title,
      cwe: 798,
      description,
      severity: 'High',
      filePath: file,
      line,
      date: isoDate(date),
      vulnIdFromTool: ruleId,
      tags: tags.length ? tags : undefined,
      staticFinding: true,
      dynamicFinding: false,
    },
  };
}

function gitleaksFindings(doc: unknown): ParsedFinding[] {
  if (doc === null) return [];
  if (!Array.isArray(doc)) throw new ParseError('Not a Gitleaks report: expected a JSON array of leaks', { path: '$' });
  const merged = new OccurrenceMap();
  doc.forEach((entry, i) => {
    const path = `[${i}]`;
    const issue = asRecord(entry);
    if (!issue) throw new ParseError(`Gitleaks report: ${path} is not an object`, { path });
    if (issue.rule) {
      const { key, finding } = legacyFinding(issue, path);
      merged.addFirst(key, finding);
    } else if (issue.Description || issue.RuleID) {
      const { key, finding } = currentFinding(issue);
      merged.add(key, finding, (kept, repeat) => {
        kept.description = `${kept.description}\n\n***\n\n${repeat.description}`;
      });
    } else {
      throw new ParseError(`Gitleaks report: ${path} is neither a v7 ("rule") nor a v8 ("Description"/"RuleID") leak`, {
        path,
      });
    }
  });
  return merged.values();
}

export const gitleaksParser: Parser = {
  id: 'gitleaks',
  scanTypes: ['Gitleaks Scan'],
  description: 'Gitleaks JSON report (v7 and v8 layouts).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const doc = parseJson(input, 'Gitleaks report');
    return guardParseSync('Gitleaks report', () => ({ findings: gitleaksFindings(doc) }));
  },
};
