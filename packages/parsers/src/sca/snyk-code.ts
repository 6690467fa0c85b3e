import type { Parser, ParseResult, Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { sarifFindings, sarifRuns, type SarifHooks } from './sarif-findings.ts';

function locationParts(location: JsonRecord | undefined) {
  const physical = asRecord(location?.physicalLocation);
  return { artifact: asRecord(physical?.artifactLocation) ?? {}, region: asRecord(physical?.region) ?? {} };
}

/** Snyk Code's priorityScore (0-1000) bands, as DefectDojo maps them. */
function severityFromPriority(score: number): Severity {
  if (score <= 399) return 'Low';
  if (score <= 699) return 'Medium';
  if (score <= 899) return 'High';
  return 'Critical';
}

const snykCodeHooks: SarifHooks = {
  title(result, _rule, location) {
    const ruleId = asText(result.ruleId) ?? '';
    const uri = location ? (asText(locationParts(location).artifact.uri) ?? '') : '';
    return ruleId && uri ? `${ruleId}_${uri}` : ruleId;
  },
  description(result, _rule, location) {
    const props = asRecord(result.properties) ?? {};
    const py = (v: unknown) => (v === true ? 'True' : v === false ? 'False' : (asText(v) ?? ''));
    const lines = [
      `**ruleId**: ${asText(result.ruleId) ?? ''}`,
      `**ruleIndex**: ${asText(result.ruleIndex) ?? ''}`,
      `**message**: ${asText(asRecord(result.message)?.text) ?? ''}`,
      `**score**: ${asText(props.priorityScore) ?? 0}`,
      `**isAutofixable**: ${py(props.isAutofixable ?? false)}`,
    ];
    if (location) {
      const { artifact, region } = locationParts(location);
      if (artifact.uri) lines.push(`**uri**: ${asText(artifact.uri)}`);
      if (artifact.uriBaseId) lines.push(`**uriBaseId**: ${asText(artifact.uriBaseId)}`);
      for (const key of ['startLine', 'endLine', 'startColumn', 'endColumn']) {
        if (region[key]) lines.push(`**${key}**: ${asText(region[key])}`);
      }
    }
    return lines.join('\n');
  },
  customize(finding, result) {
    const score = Number(asRecord(result.properties)?.priorityScore ?? 0);
    finding.severity = severityFromPriority(Number.isFinite(score) ? score : 0);
  },
};

/** Snyk Code findings from `snyk code test --sarif` output. */
export function snykCodeFindings(doc: unknown): ParseResult {
  return sarifFindings(sarifRuns(doc, 'Snyk Code SARIF report'), snykCodeHooks);
}

/** Snyk Code (SAST) SARIF output (DefectDojo "Snyk Code Scan"). */
export const snykCodeParser: Parser = {
  id: 'snyk-code',
  scanTypes: ['Snyk Code Scan'],
  description: 'Snyk Code SARIF output (snyk code test --sarif).',
  fileTypes: ['json', 'sarif'],
  dedup: { algorithm: 'legacy', hashFields: ['vulnIdFromTool', 'filePath'] },
  parse(input) {
    const doc = parseJson(input, 'Snyk Code report');
    return guardParseSync('Snyk Code report', () => snykCodeFindings(doc));
  },
};
