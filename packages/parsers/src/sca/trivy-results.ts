import type { ParsedFinding, Severity } from '../parser.ts';
import { asList, asRecord, asText, has, type JsonRecord } from '../common/json-shape.ts';
import { parseCvss3, cvss3Severity } from '../common/cvss3.ts';
import { toFloat, toInt } from '../common/fields.ts';
import { pyStr } from './dojo-format.ts';

/** Findings of Trivy "Results" entries (vulnerabilities, misconfigurations, secrets, licenses). */

const TRIVY_SEVERITIES: Record<string, Severity> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  UNKNOWN: 'Info',
};
const CVSS_SOURCES = ['nvd', 'ghsa', 'redhat', 'bitnami'];

/** Vendor (VEX-like) package status → finding status, as DefectDojo maps it. */
const STATUS_FIELDS: Record<string, Partial<ParsedFinding>> = {
  unknown: { verified: false },
  not_affected: { active: false, verified: true, mitigated: true },
  affected: { active: true, verified: true },
  fixed: { active: true, verified: true },
  under_investigation: { active: true, verified: false },
  will_not_fix: { active: true, verified: true },
  fix_deferred: { active: true, verified: true },
  end_of_life: { active: true, verified: true },
};

function severityOfScore(raw: unknown): Severity {
  const score = toFloat(raw);
  return score === undefined ? 'Info' : cvss3Severity(score);
}

/** Severity and CVSS of a vulnerability: the first CVSS source present wins over Trivy's own word. */
function vulnerabilitySeverity(vuln: JsonRecord): { severity?: Severity; cvssv3?: string; cvssv3Score?: number } {
  const cvss = asRecord(vuln.CVSS) ?? {};
  const sources = [asText(vuln.SeveritySource), ...CVSS_SOURCES];
  let cvssClass: JsonRecord | undefined;
  for (const source of sources) {
    if (source !== undefined && has(cvss, source) && cvss[source] !== null) {
      cvssClass = asRecord(cvss[source]) ?? {};
      break;
    }
  }
  if (!cvssClass) {
    const severity = TRIVY_SEVERITIES[asText(vuln.Severity) ?? ''];
    return { severity };
  }
  const parsed = parseCvss3(asText(cvssClass.V3Vector));
  if (parsed) return { severity: parsed.severity, cvssv3: parsed.vector, cvssv3Score: parsed.baseScore };
  if (cvssClass.V3Score !== undefined && cvssClass.V3Score !== null) {
    return { severity: severityOfScore(cvssClass.V3Score), cvssv3Score: toFloat(cvssClass.V3Score) };
  }
  if (cvssClass.V2Score !== undefined && cvssClass.V2Score !== null)
    return { severity: severityOfScore(cvssClass.V2Score) };
  return { severity: 'Info' };
}

function tagsOf(...values: unknown[]): string[] | undefined {
  const tags = values.map((v) => asText(v)).filter((v): v is string => !!v);
  return tags.length ? tags : undefined;
}

function vulnerabilityFinding(vuln: JsonRecord, target: JsonRecord, service?: string): ParsedFinding | undefined {
  const packageName = asText(vuln.PkgName);
  if (!has(vuln, 'PkgName')) return undefined;
  const { severity, cvssv3, cvssv3Score } = vulnerabilitySeverity(vuln);
  if (!severity) return undefined; // DefectDojo skips vulnerabilities whose severity it cannot map
  const targetName = asText(target.Target) ?? pyStr(target.Target);
  const targetClass = asText(target.Class);
  let filePath: string | undefined;
  if (targetClass === 'os-pkgs' || targetClass === 'lang-pkgs') filePath = asText(vuln.PkgPath) ?? targetName;
  else if (targetClass === 'config') filePath = targetName;
  const vulnId = has(vuln, 'VulnerabilityID') ? pyStr(vuln.VulnerabilityID) : '0';
  const version = has(vuln, 'InstalledVersion') ? pyStr(vuln.InstalledVersion) : '';
  const fixed = has(vuln, 'FixedVersion') ? pyStr(vuln.FixedVersion) : '';
  const type = has(target, 'Type') ? pyStr(target.Type) : '';
  const cweIds = asList(vuln.CweIDs);
  const cwe = cweIds.length > 0 ? toInt(String(asText(cweIds[0]) ?? '').split('-')[1]) : undefined;
  const status = asText(vuln.Status) ?? '';
  const description =
    `${has(vuln, 'Title') ? pyStr(vuln.Title) : ''}\n**Target:** ${targetName}\n**Type:** ${type}\n**Fixed ` +
    `version:** ${fixed}\n\n${has(vuln, 'Description') ? pyStr(vuln.Description) : ''}\n`;
  const finding: ParsedFinding = {
    title: `${vulnId} ${pyStr(packageName)} ${version}`,
    severity,
    cwe: cwe && cwe > 0 ? cwe : undefined,
    filePath,
    references:
      asList(vuln.References)
        .map((r) => asText(r) ?? '')
        .join('\n') || undefined,
    description,
    impact: status || undefined,
    mitigation: fixed || undefined,
    componentName: packageName,
    componentVersion: version || undefined,
    cvssv3,
    cvssv3Score,
    staticFinding: true,
    dynamicFinding: false,
    tags: tagsOf(type, targetClass),
    service,
    ...(STATUS_FIELDS[status] ?? {}),
  };
  const rawId = has(vuln, 'VulnerabilityID') ? asText(vuln.VulnerabilityID) : '0';
  if (rawId) finding.vulnerabilityIds = [rawId];
  const purl = asText(asRecord(vuln.PkgIdentifier)?.PURL);
  if (purl) finding.purl = purl;
  return finding;
}

function linesTable(lines: unknown): string {
  if (lines === null || lines === undefined) return '';
  let table = 'Number\tContent\n';
  for (const item of asList(lines)) {
    const line = asRecord(item) ?? {};
    table += `${asText(line.Number) ?? ''}\t${asText(line.Content) ?? ''}\n`;
  }
  return table;
}

function severityWord(raw: unknown): Severity {
  return TRIVY_SEVERITIES[asText(raw) ?? ''] ?? 'Info';
}

function misconfigurationFinding(misc: JsonRecord, target: JsonRecord, service?: string): ParsedFinding {
  const code = asRecord(asRecord(misc.CauseMetadata)?.Code) ?? {};
  let message = pyStr(misc.Message);
  const table = linesTable(has(code, 'Lines') ? code.Lines : []);
  if (table) message += `\n${table}`;
  const primaryUrl = asText(misc.PrimaryURL);
  const others = asList(misc.References).map((r) => asText(r) ?? '');
  if (primaryUrl) {
    const at = others.indexOf(primaryUrl);
    if (at >= 0) others.splice(at, 1);
  }
  const references = primaryUrl ? `${primaryUrl}\n${others.join('\n')}` : others.join('\n');
  return {
    title: `${pyStr(misc.ID)} - ${pyStr(misc.Title)}`,
    severity: severityWord(misc.Severity),
    references: references || undefined,
    description:
      `**Target:** ${pyStr(target.Target)}\n**Type:** ` +
      `${pyStr(misc.Type)}\n\n${pyStr(misc.Description)}\n${message}\n`,
    mitigation: asText(misc.Resolution),
    vulnIdFromTool: asText(misc.ID),
    staticFinding: true,
    dynamicFinding: false,
    tags: tagsOf(target.Type, target.Class),
    service,
  };
}

function secretFinding(secret: JsonRecord, target: JsonRecord, service?: string): ParsedFinding {
  return {
    title: `Secret detected in ${pyStr(target.Target)} - ${pyStr(secret.Title)}`,
    severity: severityWord(secret.Severity),
    description: `${pyStr(secret.Title)}\n**Category:** ${pyStr(secret.Category)}\n**Match:** ${pyStr(secret.Match)}\n`,
    filePath: asText(target.Target),
    line: toInt(secret.StartLine),
    staticFinding: true,
    dynamicFinding: false,
    tags: tagsOf(target.Class),
    service,
  };
}

function licenseFinding(license: JsonRecord, target: JsonRecord, service?: string): ParsedFinding {
  return {
    title: `License detected in ${pyStr(target.Target)} - ${pyStr(license.Name)}`,
    severity: severityWord(license.Severity),
    description:
      `${pyStr(license.Name)}\n**Category:** ` + `${pyStr(license.Category)}\n**Package:** ${pyStr(license.PkgName)}\n`,
    filePath: asText(license.FilePath),
    componentName: asText(license.PkgName),
    references: asText(license.Link),
    staticFinding: true,
    dynamicFinding: false,
    tags: tagsOf(target.Class),
    service,
  };
}

/** "namespace / kind / name" of a Kubernetes resource, as DefectDojo names the finding's service. */
export function serviceName(resource: JsonRecord): string {
  return [resource.Namespace, resource.Kind, resource.Name]
    .map((v) => asText(v))
    .filter((v): v is string => !!v)
    .join(' / ');
}

/** The sections of a Results entry that hold findings, in the order DefectDojo reads them. */
export const TARGET_SECTIONS = ['Vulnerabilities', 'Misconfigurations', 'Secrets', 'Licenses'] as const;
export type TargetSection = (typeof TARGET_SECTIONS)[number];

/** The finding of one element of a target's section (none for a vulnerability DefectDojo skips). */
export function sectionItemFinding(
  section: TargetSection,
  item: unknown,
  target: JsonRecord,
  service?: string,
): ParsedFinding | undefined {
  if (section === 'Vulnerabilities') {
    const vuln = asRecord(item);
    return vuln ? vulnerabilityFinding(vuln, target, service) : undefined;
  }
  const record = asRecord(item) ?? {};
  if (section === 'Misconfigurations') return misconfigurationFinding(record, target, service);
  if (section === 'Secrets') return secretFinding(record, target, service);
  return licenseFinding(record, target, service);
}

/** Findings of a Results array; entries that are not objects or lack a Target are ignored, as in DefectDojo. */
export function resultFindings(results: unknown[], service?: string): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const entry of results) {
    const target = asRecord(entry);
    if (!target || !has(target, 'Target')) continue;
    for (const item of asList(target.Vulnerabilities)) {
      const vuln = asRecord(item);
      const finding = vuln && vulnerabilityFinding(vuln, target, service);
      if (finding) findings.push(finding);
    }
    for (const item of asList(target.Misconfigurations))
      findings.push(misconfigurationFinding(asRecord(item) ?? {}, target, service));
    for (const item of asList(target.Secrets)) findings.push(secretFinding(asRecord(item) ?? {}, target, service));
    for (const item of asList(target.Licenses)) findings.push(licenseFinding(asRecord(item) ?? {}, target, service));
  }
  return findings;
}
