import { ParseError, type ParsedFinding, type ParseResult } from '../parser.ts';
import { asList, asRecord, asText, has, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, toInt } from '../common/fields.ts';
import { shorten } from './dojo-format.ts';
import {
  cveIn,
  fingerprintId,
  messageText,
  propertyTags,
  resultCwe,
  resultSeverity,
  ruleReferences,
  rulesOf,
} from './sarif-rules.ts';

/** Per-tool customization points (Snyk Code overrides title, description and severity). */
export interface SarifHooks {
  title?(result: JsonRecord, rule: JsonRecord | undefined, location: JsonRecord | undefined): string;
  description?(result: JsonRecord, rule: JsonRecord | undefined, location: JsonRecord | undefined): string;
  customize?(
    finding: ParsedFinding,
    result: JsonRecord,
    rule: JsonRecord | undefined,
    location: JsonRecord | undefined,
  ): void;
}

/** Checks the document is SARIF (an object with a runs array) and returns its runs. */
export function sarifRuns(doc: unknown, what = 'SARIF report'): JsonRecord[] {
  const root = asRecord(doc);
  if (!root) throw new ParseError(`Not a ${what}: expected a JSON object with "runs"`, { path: '$' });
  if (!Array.isArray(root.runs)) throw new ParseError(`Not a ${what}: missing "runs" array`, { path: '$.runs' });
  return root.runs.map((run, i) => {
    const r = asRecord(run);
    if (!r) throw new ParseError(`Not a ${what}: runs[${i}] is not an object`, { path: `runs[${i}]` });
    return r;
  });
}

function snippetOf(location: JsonRecord | undefined): string | undefined {
  const physical = asRecord(location?.physicalLocation);
  if (!physical) return undefined;
  return (
    asText(asRecord(asRecord(physical.region)?.snippet)?.text) ??
    asText(asRecord(asRecord(physical.contextRegion)?.snippet)?.text)
  );
}

function codeFlowsText(codeFlows: unknown[]): string {
  let text = '';
  for (const flow of codeFlows) {
    for (const thread of asList(asRecord(flow)?.threadFlows)) {
      const t = asRecord(thread);
      if (!t || !has(t, 'locations')) continue;
      text = '**Code flow:**\n';
      asList(t.locations).forEach((step, index) => {
        const loc = asRecord(asRecord(step)?.location);
        const physical = asRecord(loc?.physicalLocation);
        const region = asRecord(physical?.region) ?? {};
        const uri = asText(asRecord(physical?.artifactLocation)?.uri) ?? 'None';
        const line = has(region, 'startLine') ? `:L${asText(region.startLine)}` : '';
        const column = has(region, 'startColumn') ? `:C${asText(region.startColumn)}` : '';
        const snippet = has(region, 'snippet') ? `\t-\t${asText(asRecord(region.snippet)?.text) ?? 'None'}` : '';
        text += `${index + 1}. ${uri}${line}${column}${snippet}\n`;
        const message = asRecord(loc?.message);
        if (message) text += `\t${asText(message.markdown) ?? asText(message.text) ?? ''}\n`;
      });
    }
  }
  return text;
}

export function defaultTitle(result: JsonRecord, rule: JsonRecord | undefined): string {
  let title = has(result, 'message') ? messageText(result.message, rule) : undefined;
  if (title === undefined && rule) {
    if (has(rule, 'shortDescription')) title = messageText(rule.shortDescription, rule);
    else if (has(rule, 'fullDescription')) title = messageText(rule.fullDescription, rule);
    else if (has(rule, 'name')) title = asText(rule.name);
    else if (has(rule, 'id')) title = asText(rule.id);
  }
  if (title === undefined) throw new ParseError('SARIF result has no message and no rule text to build a title from');
  return shorten(title, 150);
}

export function defaultDescription(
  result: JsonRecord,
  rule: JsonRecord | undefined,
  location: JsonRecord | undefined,
): string {
  let text = '';
  let message: string | undefined = '';
  if (has(result, 'message')) {
    message = messageText(result.message, rule);
    text += `**Result message:** ${message ?? 'None'}\n`;
  }
  const snippet = snippetOf(location);
  if (snippet !== undefined) text += `**Snippet:**\n\`\`\`\n${snippet}\n\`\`\`\n`;
  if (rule) {
    if (has(rule, 'name')) text += `**Rule name:** ${asText(rule.name) ?? 'None'}\n`;
    let short: string | undefined = '';
    if (has(rule, 'shortDescription')) {
      short = messageText(rule.shortDescription, rule);
      if (short !== message) text += `**Rule short description:** ${short ?? 'None'}\n`;
    }
    if (has(rule, 'fullDescription')) {
      const full = messageText(rule.fullDescription, rule);
      if (full !== message && full !== short) text += `**Rule full description:** ${full ?? 'None'}\n`;
    }
  }
  const flows = asList(result.codeFlows);
  if (flows.length > 0) text += codeFlowsText(flows);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function lastInvocationDate(run: JsonRecord): string | undefined {
  const invocations = asList(run.invocations);
  return isoDate(asRecord(invocations.at(-1))?.endTimeUtc);
}

/** One (file, line, location) per result location; a result without locations yields one empty entry. */
function locationsOf(result: JsonRecord): Array<{ filePath?: string; line?: number; location?: JsonRecord }> {
  const out: Array<{ filePath?: string; line?: number; location?: JsonRecord }> = [];
  for (const item of asList(result.locations)) {
    const location = asRecord(item);
    const physical = asRecord(location?.physicalLocation);
    let filePath: string | undefined;
    let line: number | undefined;
    if (physical) {
      filePath = asText(asRecord(physical.artifactLocation)?.uri);
      const region = asRecord(physical.region);
      if (region && !has(region, 'byteOffset')) line = toInt(region.startLine);
    }
    out.push({ filePath, line, location });
  }
  if (out.length === 0) out.push({});
  return out;
}

/** What every result of a run is read against. */
export interface SarifRunContext {
  runIndex: number;
  rules: Map<string, JsonRecord>;
  date?: string;
}

export function runContext(run: JsonRecord, runIndex: number): SarifRunContext {
  return { runIndex, rules: rulesOf(run), date: lastInvocationDate(run) };
}

/** The findings of one result: one per location, none for a result whose kind is not "fail". */
export function resultFindings(
  item: unknown,
  resultIndex: number,
  run: SarifRunContext,
  hooks: SarifHooks = {},
): ParsedFinding[] {
  const { runIndex, rules, date } = run;
  const result = asRecord(item);
  if (!result)
    throw new ParseError(`SARIF runs[${runIndex}].results[${resultIndex}] is not an object`, {
      path: `runs[${runIndex}].results[${resultIndex}]`,
    });
  if (has(result, 'kind') && result.kind !== 'fail') return [];
  const suppressed =
    asList(result.suppressions).length > 0 ||
    (asRecord(result.suppressions) !== undefined && Object.keys(result.suppressions as object).length > 0);
  const ruleId = asText(result.ruleId);
  const rule = ruleId !== undefined ? rules.get(ruleId) : undefined;
  const findings: ParsedFinding[] = [];
  for (const { filePath, line, location } of locationsOf(result)) {
    const { severity, cvssv3Score } = resultSeverity(result, rule);
    const finding: ParsedFinding = {
      title: hooks.title ? hooks.title(result, rule, location) : defaultTitle(result, rule),
      severity,
      description: hooks.description
        ? hooks.description(result, rule, location)
        : defaultDescription(result, rule, location),
      staticFinding: true,
      dynamicFinding: false,
      falsePositive: suppressed,
      active: !suppressed,
      filePath,
      line,
      references: ruleReferences(rule),
      cvssv3Score,
    };
    if (ruleId !== undefined) {
      finding.vulnIdFromTool = ruleId;
      const cve = cveIn(ruleId);
      if (cve) finding.vulnerabilityIds = [cve];
    }
    finding.cwe = resultCwe(result, rule);
    if (has(result, 'fixes')) {
      finding.mitigation = asList(result.fixes)
        .map((fix) => asText(asRecord(asRecord(fix)?.description)?.text) ?? '')
        .join('\n');
    }
    if (date) finding.date = date;
    const tags = [...new Set([...propertyTags(rule), ...propertyTags(result)])].map((t) =>
      t.replace(/^external\/cwe\//, ''),
    );
    if (tags.length) finding.tags = [...new Set(tags)];
    finding.uniqueIdFromTool = fingerprintId(result);
    hooks.customize?.(finding, result, rule, location);
    findings.push(finding);
  }
  return findings;
}

export function sarifToolName(runs: JsonRecord[]): string | undefined {
  return asText(asRecord(asRecord(runs[0]?.tool)?.driver)?.name);
}

/** Findings of every run: one per result location, as DefectDojo's sarif parser produces them. */
export function sarifFindings(runs: JsonRecord[], hooks: SarifHooks = {}): ParseResult {
  const findings: ParsedFinding[] = [];
  runs.forEach((run, runIndex) => {
    const context = runContext(run, runIndex);
    asList(run.results).forEach((item, resultIndex) => {
      for (const f of resultFindings(item, resultIndex, context, hooks)) findings.push(f);
    });
  });
  return { findings, toolName: sarifToolName(runs) };
}
