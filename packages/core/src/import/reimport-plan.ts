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
 * Matches a report against the findings already in a test, a batch of incoming findings at a
 * time (in report order). Matched → untouched, reactivated (it was mitigated and the report has
 * it again) or closed (the report says fixed / false positive); unmatched → created; test
 * findings the report no longer has → missing (once every batch is matched).
 * Risk-accepted, false-positive and out-of-scope findings keep their status.
 */
export class ReimportMatcher {
  private readonly byHash = new Map<string, FindingIdentity[]>();
  private readonly byUid = new Map<string, FindingIdentity[]>();
  private readonly matched = new Set<number>();

  constructor(
    private readonly existing: FindingIdentity[],
    private readonly algorithm: DedupAlgorithm,
    private readonly opts: { doNotReactivate: boolean; closeOldFindings: boolean },
  ) {
    const push = (m: Map<string, FindingIdentity[]>, k: string | null, f: FindingIdentity) => {
      if (!k) return;
      const list = m.get(k);
      if (list) list.push(f);
      else m.set(k, [f]);
    };
    for (const f of existing) {
      if (usesHash(algorithm)) push(this.byHash, f.hash_code, f);
      if (usesUid(algorithm)) push(this.byUid, f.unique_id_from_tool, f);
    }
  }

  /** The plan for one batch; `create` indexes into this batch. */
  match(incoming: IncomingFinding[]): Omit<ReimportPlan, 'missing'> {
    const plan: Omit<ReimportPlan, 'missing'> = { create: [], reactivate: [], close: [], untouched: [] };
    const pick = (list: FindingIdentity[] | undefined) =>
      list?.find((f) => !this.matched.has(f.id)) ?? (list?.length ? null : undefined);
    incoming.forEach((n, i) => {
      let hit: FindingIdentity | null | undefined;
      if (usesUid(this.algorithm) && n.uid) hit = pick(this.byUid.get(n.uid));
      if (hit === undefined && this.algorithm !== 'unique_id_from_tool' && n.hash) hit = pick(this.byHash.get(n.hash));
      if (hit === null) return; // the same issue twice in the report: already accounted for
      if (!hit) {
        plan.create.push(i);
        return;
      }
      this.matched.add(hit.id);
      if (keepsStatus(hit)) plan.untouched.push(hit);
      else if (hit.is_mitigated)
        (n.closedByReport || this.opts.doNotReactivate ? plan.untouched : plan.reactivate).push(hit);
      else (n.closedByReport ? plan.close : plan.untouched).push(hit);
    });
    return plan;
  }

  /** After the last batch: the test's findings the report no longer has, closed when close_old_findings. */
  missing(): FindingIdentity[] {
    if (!this.opts.closeOldFindings) return [];
    return this.existing.filter((f) => !this.matched.has(f.id) && !f.is_mitigated && !keepsStatus(f));
  }
}

/** The whole plan for a report read at once. */
export function planReimport(
  existing: FindingIdentity[],
  incoming: IncomingFinding[],
  algorithm: DedupAlgorithm,
  opts: { doNotReactivate: boolean; closeOldFindings: boolean },
): ReimportPlan {
  const matcher = new ReimportMatcher(existing, algorithm, opts);
  return { ...matcher.match(incoming), missing: matcher.missing() };
}
