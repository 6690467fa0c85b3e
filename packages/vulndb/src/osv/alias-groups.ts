import type { AliasGroupAssignment, AliasRegion } from '@vigil/db';

/** A regrouping of one region of the alias graph, as AliasGroupRepository.write takes it. */
export interface AliasGroupPlan {
  groups: AliasGroupAssignment[];
  removed: string[];
  obsoleteGroupIds: number[];
}

/** Preferred canonical ids, in order: a CVE names a vulnerability across every database, then GHSA. */
const PREFERENCE = [/^CVE-/, /^GHSA-/];
/** One collator for every comparison: `localeCompare` with options builds one per call. */
const NATURAL = new Intl.Collator('en', { numeric: true });

/**
 * The canonical id of a group: its CVE id if it has one, else its GHSA id, else any id; among
 * several of the same kind, ids of stored advisories first, then the earliest in natural order.
 */
export function canonicalId(members: string[], advisoryIds: ReadonlySet<string>): string {
  const rank = (id: string) => {
    const kind = PREFERENCE.findIndex((p) => p.test(id));
    return (kind < 0 ? PREFERENCE.length : kind) * 2 + (advisoryIds.has(id) ? 0 : 1);
  };
  return [...members].sort((a, b) => rank(a) - rank(b) || NATURAL.compare(a, b))[0];
}

/**
 * Regroups a region (AliasRepository.region): the groups are the connected components of the alias
 * edges (a union of shared aliases), so CVE, GHSA and OSV ids naming one vulnerability share one
 * group, and an alias dropped by an update splits a group again. A component keeps the old group
 * id most of its members had (each old id goes to one component at most); names no advisory uses
 * any more leave the store.
 */
export function planAliasGroups(region: AliasRegion): AliasGroupPlan {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let at = x; at !== root; ) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const id of region.advisoryIds) add(id);
  for (const e of region.edges) {
    add(e.osv_id);
    add(e.alias);
    const a = find(e.osv_id);
    const b = find(e.alias);
    if (a !== b) parent.set(a, b);
  }
  const components = new Map<string, string[]>();
  for (const name of parent.keys()) {
    const root = find(name);
    const list = components.get(root);
    if (list) list.push(name);
    else components.set(root, [name]);
  }
  const oldGroup = new Map(region.members.map((m) => [m.vuln_id, m.group_id]));
  const advisoryIds = new Set(region.advisoryIds);
  const taken = new Set<number>();
  // Largest components choose first, so a split leaves the old id with the bigger part.
  const ordered = [...components.values()].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  const groups = ordered.map((members): AliasGroupAssignment => {
    members.sort();
    const votes = new Map<number, number>();
    for (const m of members) {
      const g = oldGroup.get(m);
      if (g !== undefined && !taken.has(g)) votes.set(g, (votes.get(g) ?? 0) + 1);
    }
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
    if (best !== null) taken.add(best);
    return { groupId: best, canonicalId: canonicalId(members, advisoryIds), members };
  });
  const removed = region.members.filter((m) => !parent.has(m.vuln_id)).map((m) => m.vuln_id);
  const obsoleteGroupIds = [...new Set(region.members.map((m) => m.group_id))].filter((g) => !taken.has(g));
  return { groups, removed, obsoleteGroupIds };
}
