import type { Severity } from '../parser.ts';
import { asList, asRecord, asText, has, type JsonRecord } from '../common/json-shape.ts';
import { cvss3Severity } from '../common/cvss3.ts';

/** SARIF rule/metadata helpers, following DefectDojo's sarif parser. */

/** Rules of a run by id: driver rules, or the first extension's rules when the driver has none. */
export function rulesOf(run: JsonRecord): Map<string, JsonRecord> {
  const tool = asRecord(run.tool);
  let rules = asList(asRecord(tool?.driver)?.rules);
  if (rules.length === 0 && tool && tool.extensions !== undefined && tool.extensions !== null) {
    rules = asList(asRecord(asList(tool.extensions)[0])?.rules);
  }
  const byId = new Map<string, JsonRecord>();
  for (const item of rules) {
    const rule = asRecord(item);
    const id = asText(rule?.id);
    if (rule && id !== undefined) byId.set(id, rule);
  }
  return byId;
}

/** Text of a multiformatMessageString, with {0}..{5} argument substitution from rule messageStrings. */
export function messageText(data: unknown, rule: JsonRecord | undefined): string | undefined {
  const message = asRecord(data);
  if (!message) return undefined;
  if (rule && has(message, 'id')) {
    let text = asText(asRecord(asRecord(rule.messageStrings)?.[String(message.id)])?.text);
    if (text === undefined) return undefined;
    const args = asList(message.arguments);
    for (let i = 0; i < 6; i++) {
      const slot = `{${i}}`;
      if (!text.includes(slot)) return text;
      text = text.split(slot).join(asText(args[i]) ?? '');
    }
    return undefined;
  }
  return asText(message.text);
}

export function propertyTags(value: JsonRecord | undefined): string[] {
  return asList(asRecord(value?.properties)?.tags)
    .map((t) => asText(t))
    .filter((t): t is string => t !== undefined);
}

function searchCwe(value: unknown, into: number[]): void {
  const m = /cwe-(\d+)/i.exec(asText(value) ?? '');
  if (m) into.push(Number(m[1]));
}

/** CWEs a rule declares: relationships (spec), else properties.cwe, else "external/cwe/cwe-79" tags. */
export function ruleCwes(rule: JsonRecord): number[] {
  const cwes: number[] = [];
  if (Array.isArray(rule.relationships)) {
    for (const rel of rule.relationships) searchCwe(asRecord(asRecord(rel)?.target)?.id, cwes);
    return cwes;
  }
  const props = asRecord(rule.properties);
  if (props && has(props, 'cwe')) {
    if (Array.isArray(props.cwe)) for (const v of props.cwe) searchCwe(v, cwes);
    else searchCwe(props.cwe, cwes);
    return cwes;
  }
  for (const tag of propertyTags(rule)) searchCwe(tag, cwes);
  return cwes;
}

/** The CWE DefectDojo keeps for a result: the last one found, later sources overriding earlier ones. */
export function resultCwe(result: JsonRecord, rule: JsonRecord | undefined): number | undefined {
  let cwe: number | undefined;
  if (rule) cwe = ruleCwes(rule).at(-1) ?? cwe;
  const props = asRecord(result.properties);
  if (props && has(props, 'cwe')) {
    const found: number[] = [];
    searchCwe(props.cwe, found);
    cwe = found.at(-1) ?? cwe;
  }
  const taxa: number[] = [];
  for (const t of asList(result.taxa)) {
    const taxon = asRecord(t);
    if (asRecord(taxon?.toolComponent)?.name !== 'CWE' || !taxon?.id) continue;
    const id = asText(taxon.id) ?? '';
    if (/^\s*[+-]?\d+\s*$/.test(id)) taxa.push(Number(id));
    else searchCwe(`CWE-${id}`, taxa);
  }
  return taxa.at(-1) ?? cwe;
}

/** Severity from result.level, else the rule's default level; then a rule "security-severity" wins. */
export function resultSeverity(
  result: JsonRecord,
  rule: JsonRecord | undefined,
): { severity: Severity; cvssv3Score?: number } {
  let level = result.level;
  if ((level === undefined || level === null) && rule && has(rule, 'defaultConfiguration')) {
    level = asRecord(rule.defaultConfiguration)?.level;
  }
  let severity: Severity = level === 'note' ? 'Info' : level === 'error' ? 'High' : 'Medium';
  const props = asRecord(rule?.properties);
  if (props && has(props, 'security-severity')) {
    const raw = props['security-severity'];
    const score = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (Number.isFinite(score) && String(raw).trim() !== '') {
      return { severity: cvss3Severity(score), cvssv3Score: score };
    }
    const word = String(raw).toLowerCase();
    const known: Record<string, Severity> = {
      info: 'Info',
      low: 'Low',
      medium: 'Medium',
      high: 'High',
      critical: 'Critical',
    };
    severity = known[word] ?? 'Info';
  }
  return { severity };
}

/** First CVE id in a rule id (upper-cased), as DefectDojo records it. */
export function cveIn(value: string): string | undefined {
  const m = /(CVE-[0-9]+-[0-9]+)/i.exec(value);
  return m ? m[1].toUpperCase() : undefined;
}

export function ruleReferences(rule: JsonRecord | undefined): string | undefined {
  if (!rule) return undefined;
  if (has(rule, 'helpUri')) return asText(rule.helpUri);
  if (has(rule, 'help')) {
    const help = messageText(rule.help, rule);
    if (help?.startsWith('http')) return help;
  }
  return undefined;
}

/** Groups fingerprint keys "method/v2" by method, keeping the highest version's value. */
function fingerprintsByMethod(values: JsonRecord): Map<string, { version: number; value: unknown }> {
  const out = new Map<string, { version: number; value: unknown }>();
  for (const [key, value] of Object.entries(values)) {
    let method = key;
    let version = 0;
    if (key.includes('/')) {
      const parts = key.split('/');
      method = parts[parts.length - 2];
      version = Number.parseInt(parts[parts.length - 1].replace('v', ''), 10) || 0;
    }
    const known = out.get(method);
    if (!known || known.version < version) out.set(method, { version, value });
  }
  return out;
}

/** unique_id_from_tool: first fingerprint method's value, else all partial fingerprints sorted. */
export function fingerprintId(result: JsonRecord): string | undefined {
  const full = asRecord(result.fingerprints);
  if (full && Object.keys(full).length > 0) {
    const first = fingerprintsByMethod(full).values().next().value;
    return first ? asText(first.value) : undefined;
  }
  const partial = asRecord(result.partialFingerprints);
  if (partial && Object.keys(partial).length > 0) {
    const hashes = fingerprintsByMethod(partial);
    return [...hashes.keys()]
      .sort()
      .map((k) => `${k}:${asText(hashes.get(k)?.value) ?? ''}`)
      .join('|');
  }
  return undefined;
}
