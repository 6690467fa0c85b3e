import { ParseError, type ParsedFinding, type Parser, type Severity } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { toFloat } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';

/** Anchore Grype `-o json`: one finding per (vulnerability, package name:version); repeats add occurrences. */

function grypeSeverity(raw: unknown): Severity {
  const word = asText(raw) ?? 'Info';
  if (word === 'Unknown' || word === 'Negligible') return 'Info';
  return normalizeSeverity(word, 'Info');
}

/** The first CVSS v3 vector of a cvss list. */
function firstCvss3(list: unknown): { vector: string; score: number } | undefined {
  for (const item of asList(list)) {
    const vector = asText(asRecord(item)?.vector);
    const parsed = parseCvss3(vector);
    if (parsed && vector)
      return { vector, score: toFloat(asRecord(asRecord(item)?.metrics)?.baseScore) ?? parsed.baseScore };
  }
  return undefined;
}

function epssFor(id: string | undefined, list: unknown): { score: number; percentile: number } | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list) {
    const epss = asRecord(item);
    if (!epss || asText(epss.cve) !== id) continue;
    const score = toFloat(epss.epss);
    const percentile = toFloat(epss.percentile);
    if (score !== undefined && percentile !== undefined) return { score, percentile };
  }
  return undefined;
}

function urlsBlock(label: string, urls: string[], datasource: string | undefined): string {
  if (urls.length === 0) return '';
  if (urls.length === 1) return urls[0] !== datasource ? `**${label} URL:** ${urls[0]}\n` : '';
  return `**${label} URLs:**\n${urls
    .filter((u) => u !== datasource)
    .map((u) => `- ${u}\n`)
    .join('')}`;
}

function matchFinding(match: JsonRecord, index: number): ParsedFinding {
  const vulnerability = asRecord(match.vulnerability);
  const artifact = asRecord(match.artifact);
  if (!vulnerability || !artifact) {
    throw new ParseError(`Grype report: matches[${index}] lacks "vulnerability" or "artifact"`, {
      path: `matches[${index}]`,
    });
  }
  const id = asText(vulnerability.id);
  const related = asList(match.relatedVulnerabilities).map((r) => asRecord(r) ?? {});
  const rel = related[0];
  const description = asText(vulnerability.description);
  const relDescription = asText(rel?.description);
  const datasource = asText(vulnerability.dataSource);
  const name = asText(artifact.name);
  const version = asText(artifact.version);
  const purl = asText(artifact.purl);
  const path = asText(asRecord(asList(artifact.locations)[0])?.path);

  let text = '';
  if (vulnerability.namespace) text += `**Vulnerability Namespace:** ${asText(vulnerability.namespace)}`;
  if (description) text += `\n**Vulnerability Description:** ${description}`;
  if (relDescription && relDescription !== description)
    text += `\n**Related Vulnerability Description:** ${relDescription}`;
  const details = match.matchDetails;
  let tags: string[] | undefined;
  const matchers = (Array.isArray(details) ? details : asRecord(details) ? [details] : []).map(
    (d) => asText(asRecord(d)?.matcher) ?? 'None',
  );
  if (matchers.length === 1) {
    text += `\n**Matcher:** ${matchers[0]}`;
    tags = [matchers[0].replace('-matcher', '')];
  } else if (matchers.length > 1) {
    text += `\n**Matchers:**${matchers.map((m) => `\n- ${m}`).join('')}`;
    tags = [...new Set(matchers.map((m) => m.replace('-matcher', '')))];
  }
  if (purl) text += `\n**Package URL:** ${purl}`;

  const fixVersions = asList(asRecord(vulnerability.fix)?.versions).map((v) => asText(v) ?? '');
  let mitigation: string | undefined;
  if (fixVersions.length === 1) mitigation = `Upgrade to version: ${fixVersions[0]}`;
  else if (fixVersions.length > 1) mitigation = `Upgrade to version:${fixVersions.map((v) => `\n- ${v}`).join('')}`;

  let references = '';
  if (datasource) references += `**Vulnerability Datasource:** ${datasource}\n`;
  references += urlsBlock(
    'Vulnerability',
    asList(vulnerability.urls).map((u) => asText(u) ?? ''),
    datasource,
  );
  const relDatasource = asText(rel?.dataSource);
  if (relDatasource) references += `**Related Vulnerability Datasource:** ${relDatasource}\n`;
  references += urlsBlock(
    'Related Vulnerability',
    asList(rel?.urls).map((u) => asText(u) ?? ''),
    datasource,
  );
  references = references.replace(/\n$/, '');

  const cvss = firstCvss3(vulnerability.cvss) ?? firstCvss3(rel?.cvss);
  let epss = epssFor(id, vulnerability.epss);
  if (!epss && rel && has(rel, 'epss')) epss = epssFor(asText(rel.id), rel.epss);

  const ids = [id, ...related.map((r) => asText(r.id))].filter((v): v is string => !!v);
  return {
    title: `${pyStr(id)} in ${pyStr(name)}:${pyStr(version)}`.replace(/\0/g, ''),
    description: text.replace(/\0/g, ''),
    cvssv3: cvss?.vector,
    cvssv3Score: cvss?.score,
    epssScore: epss?.score,
    epssPercentile: epss?.percentile,
    severity: grypeSeverity(vulnerability.severity),
    mitigation,
    references: references || undefined,
    componentName: name,
    componentVersion: version?.replace(/\0/g, ''),
    purl,
    vulnIdFromTool: id,
    vulnerabilityIds: ids.length ? ids : undefined,
    tags,
    staticFinding: true,
    dynamicFinding: false,
    occurrences: 1,
    filePath: path,
  };
}

function grypeFindings(doc: unknown): ParsedFinding[] {
  const report = asRecord(doc);
  if (!report || (!has(report, 'matches') && !has(report, 'descriptor') && !has(report, 'source'))) {
    throw new ParseError('Not a Grype report: missing "matches"', { path: '$' });
  }
  if (has(report, 'matches') && report.matches !== null && !Array.isArray(report.matches)) {
    throw new ParseError('Grype report: "matches" is not an array', { path: 'matches' });
  }
  const byTitle = new Map<string, ParsedFinding>();
  asList(report.matches).forEach((item, i) => {
    const match = asRecord(item);
    if (!match) throw new ParseError(`Grype report: matches[${i}] is not an object`, { path: `matches[${i}]` });
    const finding = matchFinding(match, i);
    const known = byTitle.get(finding.title);
    if (known) known.occurrences = (known.occurrences ?? 1) + 1;
    else byTitle.set(finding.title, finding);
  });
  return [...byTitle.values()];
}

export const grypeParser: Parser = {
  id: 'anchore-grype',
  scanTypes: ['Anchore Grype'],
  description: 'Anchore Grype JSON report (grype -o json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'severity', 'componentName', 'componentVersion'] },
  parse(input) {
    const doc = parseJson(input, 'Grype report');
    return guardParseSync('Grype report', () => ({ findings: grypeFindings(doc) }));
  },
};
