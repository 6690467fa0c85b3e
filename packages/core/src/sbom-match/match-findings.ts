import type { MatchCandidateRow } from '@vigil/db';
import type { ParsedFinding, Severity } from '@vigil/parsers';
import {
  type AffectedEvaluator,
  compileAffectedInEcosystem,
  distroReleaseAgrees,
  firstFixedAbove,
  type OsvRangeInput,
} from '@vigil/vulndb';
import type { DependencyPaths } from './dependency-path.ts';

/** The finding's unique id: one finding per alias group and component version. */
export function matchUid(canonicalId: string, identityKey: string): string {
  return `${canonicalId}|${identityKey}`;
}

export interface MatchOutcome {
  findings: ParsedFinding[];
  /** Why a (group, component) pair that an advisory names is not a finding now, by unique id. */
  notAffected: Map<string, string>;
}

const RATING_SEVERITY: Record<NonNullable<MatchCandidateRow['severity_rating']>, Severity> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'Info',
};
const SEVERITY_RANK: Record<Severity, number> = { Critical: 4, High: 3, Medium: 2, Low: 1, Info: 0 };

/** An advisory with no rating and no score is not dismissed as informational: it is a known vulnerability. */
function severityOf(row: MatchCandidateRow): Severity {
  if (row.severity_rating !== null) return RATING_SEVERITY[row.severity_rating];
  const s = row.severity_score;
  if (s === null) return 'Medium';
  return s >= 9 ? 'Critical' : s >= 7 ? 'High' : s >= 4 ? 'Medium' : s > 0 ? 'Low' : 'Info';
}

interface Group {
  rows: MatchCandidateRow[];
  affected: MatchCandidateRow[];
  withdrawn: MatchCandidateRow[];
  errors: string[];
}

/**
 * Turns the candidate pairs of one inventory into findings: a pair counts when its advisory is not
 * withdrawn, the component's distro release agrees with the entry's, and the version is inside the
 * entry's ranges as published (compileAffectedInEcosystem). Pairs of one alias group and one
 * component make one finding, whichever advisories of the group matched.
 */
export function matchFindings(rows: MatchCandidateRow[], paths: DependencyPaths): MatchOutcome {
  const compiled = new Map<string, AffectedEvaluator>();
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const uid = matchUid(row.canonical_id, row.identity_key);
    let group = groups.get(uid);
    if (!group) {
      group = { rows: [], affected: [], withdrawn: [], errors: [] };
      groups.set(uid, group);
    }
    group.rows.push(row);
    if (row.withdrawn !== null) {
      group.withdrawn.push(row);
      continue;
    }
    if (!distroReleaseAgrees(row.purl, row.ecosystem)) continue;
    try {
      const key = `${row.advisory_id}/${row.ordinal}`;
      let evaluator = compiled.get(key);
      if (!evaluator) {
        evaluator = compileAffectedInEcosystem({ ranges: rangesOf(row), versions: row.versions }, row.ecosystem);
        compiled.set(key, evaluator);
      }
      if (evaluator.affects(row.version)) group.affected.push(row);
    } catch (error) {
      group.errors.push(`${row.osv_id}: ${(error as Error).message}`);
    }
  }
  const findings: ParsedFinding[] = [];
  const notAffected = new Map<string, string>();
  for (const [uid, group] of groups) {
    if (group.affected.length > 0) findings.push(findingOf(uid, group, paths));
    else notAffected.set(uid, reasonNotAffected(group));
  }
  return { findings, notAffected };
}

function rangesOf(row: MatchCandidateRow): OsvRangeInput[] {
  return row.ranges as OsvRangeInput[];
}

function ids(rows: MatchCandidateRow[]): string {
  return [...new Set(rows.map((r) => r.osv_id))].join(', ');
}

function reasonNotAffected(group: Group): string {
  const first = group.rows[0];
  const component = `${displayName(first)}@${first.version}`;
  const live = group.rows.filter((r) => r.withdrawn === null);
  const parts: string[] = [];
  if (group.withdrawn.length > 0) {
    const day = group.withdrawn[0].withdrawn?.toISOString().slice(0, 10);
    parts.push(`advisory ${ids(group.withdrawn)} was withdrawn on ${day}`);
  }
  if (live.length > 0) {
    parts.push(`${component} is not in the affected versions of ${ids(live)} as published now`);
  }
  if (group.errors.length > 0) parts.push(`the version could not be evaluated (${group.errors.join('; ')})`);
  return `Closed by SBOM matching: ${parts.join('; ')}.`;
}

function displayName(row: Pick<MatchCandidateRow, 'component_group' | 'name'>): string {
  return row.component_group ? `${row.component_group}/${row.name}` : row.name;
}

function findingOf(uid: string, group: Group, paths: DependencyPaths): ParsedFinding {
  const rows = group.affected;
  const first = rows[0];
  const name = displayName(first);
  const canonical = first.canonical_id;
  const worst = rows.map(severityOf).reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a));
  const fixedIn = rows.map((r) => firstFixedAbove(rangesOf(r), r.ecosystem, r.version)).find((v) => v !== undefined);
  const severities = rows.flatMap((r) => r.severities);
  const v3 = severities.find((s) => s.type === 'CVSS_V3');
  const v4 = severities.find((s) => s.type === 'CVSS_V4');
  const path = paths.pathTo(first.inventory_component_id);
  const summary = rows.find((r) => r.summary)?.summary;
  const description = [
    summary ?? `${canonical} affects ${name}@${first.version}.`,
    `Advisories: ${ids(rows)} (affected ranges as published contain ${first.version}).`,
    `Dependency path: ${path.join(' > ')}`,
    fixedIn === undefined ? 'No fixed version is published.' : `Fixed in: ${fixedIn}`,
  ].join('\n\n');
  const finding: ParsedFinding = {
    title: `${canonical} in ${name}@${first.version}`,
    severity: worst,
    description,
    vulnerabilityIds: [canonical, ...first.group_ids.filter((id) => id !== canonical)],
    componentName: name,
    componentVersion: first.version,
    uniqueIdFromTool: uid,
    vulnIdFromTool: canonical,
    staticFinding: true,
  };
  if (first.purl !== null) finding.purl = first.purl;
  if (fixedIn !== undefined) finding.mitigation = `Upgrade ${name} to ${fixedIn} or later.`;
  if (first.cwes.length > 0) finding.cwe = first.cwes[0];
  if (v3) {
    finding.cvssv3 = v3.vector;
    if (v3.score !== null) finding.cvssv3Score = v3.score;
  }
  if (v4) {
    finding.cvssv4 = v4.vector;
    if (v4.score !== null) finding.cvssv4Score = v4.score;
  }
  return finding;
}
