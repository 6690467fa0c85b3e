import type { EngagementRow, FindingRow, JiraConfigRow, JiraIssueRow, Severity } from '@vigil/db';
import { SEVERITY_ORDER } from '../sla/sla.ts';

/** The label every Vigil-owned issue carries, and the one naming its subject (the idempotency key). */
export const VIGIL_LABEL = 'vigil';
export const subjectLabel = (subject: string) => `vigil-${subject}`;

const SUMMARY_MAX = 255;
const DESCRIPTION_MAX = 30_000;

/** The fields of the Jira issue for a finding or a group of findings (create and update). */
export function issueFields(
  issue: JiraIssueRow,
  config: JiraConfigRow,
  findings: FindingRow[],
  epicKey: string | null,
): Record<string, unknown> {
  const top = highestSeverity(findings);
  const fields: Record<string, unknown> = {
    summary: clip(issue.title, SUMMARY_MAX),
    description: clip(
      findings.length === 1 ? findingDescription(findings[0]) : groupDescription(findings),
      DESCRIPTION_MAX,
    ),
    labels: labelsFor(issue, config),
  };
  const priority = top ? config.priority_map[top] : undefined;
  if (priority) fields.priority = { name: priority };
  if (config.component) fields.components = [{ name: config.component }];
  if (epicKey) fields.parent = { key: epicKey };
  return fields;
}

/** Fields that only a create sends (project and type cannot change by an edit). */
export function createOnlyFields(config: JiraConfigRow, kind: JiraIssueRow['kind']): Record<string, unknown> {
  return { project: { key: config.project_key }, issuetype: { name: kind === 'epic' ? 'Epic' : config.issue_type } };
}

export function epicFields(
  issue: JiraIssueRow,
  config: JiraConfigRow,
  engagement: EngagementRow | undefined,
): Record<string, unknown> {
  const lines = [`Engagement "${engagement?.name ?? issue.title}" in Vigil.`];
  if (engagement)
    lines.push(`Dates: ${engagement.target_start} – ${engagement.target_end}`, '', engagement.description);
  return {
    summary: clip(issue.title, SUMMARY_MAX),
    description: clip(lines.join('\n'), DESCRIPTION_MAX),
    labels: labelsFor(issue, config),
  };
}

export function labelsFor(issue: JiraIssueRow, config: JiraConfigRow): string[] {
  return [...new Set([...config.labels, VIGIL_LABEL, subjectLabel(issue.subject)])];
}

/** An issue is wanted closed when every finding in it is inactive (mitigated, false positive, accepted…). */
export function wantsClosed(findings: FindingRow[]): boolean {
  return findings.length > 0 && findings.every((f) => !f.active);
}

export function highestSeverity(findings: FindingRow[]): Severity | undefined {
  let top: Severity | undefined;
  for (const f of findings) if (!top || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[top]) top = f.severity;
  return top;
}

function findingDescription(f: FindingRow): string {
  const facts = [
    `*Severity:* ${f.severity}`,
    f.cwe ? `*CWE:* ${f.cwe}` : '',
    f.vulnerability_ids.length ? `*Vulnerability ids:* ${f.vulnerability_ids.join(', ')}` : '',
    f.component_name ? `*Component:* ${f.component_name}${f.component_version ? ` ${f.component_version}` : ''}` : '',
    f.file_path ? `*Location:* ${f.file_path}${f.line ? `:${f.line}` : ''}` : '',
    `*Vigil finding:* #${f.id}`,
  ].filter(Boolean);
  return [facts.join('\n'), '', f.description, f.mitigation ? `\nh3. Mitigation\n${f.mitigation}` : ''].join('\n');
}

function groupDescription(findings: FindingRow[]): string {
  const rows = findings.map(
    (f) => `|#${f.id}|${f.severity}|${f.title.replace(/\|/g, '/')}|${f.active ? 'Active' : 'Inactive'}|`,
  );
  return [`${findings.length} Vigil findings.`, '', '||Finding||Severity||Title||Status||', ...rows].join('\n');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
