import type { FindingIdentity } from '@vigil/db';
import type { DedupAlgorithm } from '@vigil/parsers';
import { usesHash, usesUid, type Identity } from './deduplication.ts';

/** What the report says about one of its findings, as far as reimport cares. */
export interface IncomingFinding extends Identity {
  /** The report says it is fixed or a false positive. */
  closedByReport: boolean;
}

export interface ReimportPlan {
  /** Indexes (into the incoming list) of findings with no match: they are created. */
  create: number[];
  reactivate: FindingIdentity[];
  close: FindingIdentity[];
  untouched: FindingIdentity[];
  /** Findings of the test absent from the report, closed when close_old_findings. */
  missing: FindingIdentity[];
}

const keepsStatus = (f: FindingIdentity) => f.false_p || f.risk_accepted || f.out_of_scope;

/**
 * Matches a report against the findings already in a test. Matched → untouched, reactivated
 * (it was mitigated and the report has it again) or closed (the report says fixed / false
 * positive); unmatched → created; test findings the report no longer has → missing.
 * Risk-accepted, false-positive and out-of-scope findings keep their status.
 */
export function planReimport(existing: FindingIdentity[], incoming: IncomingFinding[], algorithm: DedupAlgorithm, opts: { doNotReactivate: boolean; closeOldFindings: boolean }): ReimportPlan {
  const byHash = new Map<string, FindingIdentity[]>();
  const byUid = new Map<string, FindingIdentity[]>();
  const push = (m: Map<string, FindingIdentity[]>, k: string | null, f: FindingIdentity) => {
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  };
  for (const f of existing) {
    if (usesHash(algorithm)) push(byHash, f.hash_code, f);
    if (usesUid(algorithm)) push(byUid, f.unique_id_from_tool, f);
  }
  const matched = new Set<number>();
  const plan: ReimportPlan = { create: [], reactivate: [], close: [], untouched: [], missing: [] };
  const pick = (list: FindingIdentity[] | undefined) => list?.find((f) => !matched.has(f.id)) ?? (list?.length ? null : undefined);
  incoming.forEach((n, i) => {
    let hit: FindingIdentity | null | undefined;
    if (usesUid(algorithm) && n.uid) hit = pick(byUid.get(n.uid));
    if (hit === undefined && algorithm !== 'unique_id_from_tool' && n.hash) hit = pick(byHash.get(n.hash));
    if (hit === null) return; // the same issue twice in the report: already accounted for
    if (!hit) {
      plan.create.push(i);
      return;
    }
    matched.add(hit.id);
    if (keepsStatus(hit)) plan.untouched.push(hit);
    else if (hit.is_mitigated) (n.closedByReport || opts.doNotReactivate ? plan.untouched : plan.reactivate).push(hit);
    else (n.closedByReport ? plan.close : plan.untouched).push(hit);
  });
  if (opts.closeOldFindings) {
    plan.missing = existing.filter((f) => !matched.has(f.id) && !f.is_mitigated && !keepsStatus(f));
  }
  return plan;
}
