import type { FindingIdentity } from '@vigil/db';
import type { DedupAlgorithm } from '@vigil/parsers';

/** The identity of a finding as the configured algorithm compares it. */
export interface Identity {
  hash: string | null;
  uid: string | null;
}

export function usesHash(a: DedupAlgorithm): boolean {
  return a !== 'unique_id_from_tool';
}

export function usesUid(a: DedupAlgorithm): boolean {
  return a === 'unique_id_from_tool' || a === 'unique_id_from_tool_or_hash_code';
}

/**
 * The originals a new finding may duplicate, per identity key: the oldest non-duplicate finding.
 * An open (unmitigated) new finding only duplicates an original that is not mitigated: when all
 * its originals are mitigated it is a regression and becomes a new original, and the mitigated
 * one is never reopened by a duplicate. A new finding the report itself marks fixed duplicates
 * the oldest original whatever its state.
 */
export class OriginalIndex<T extends { id: number }> {
  private readonly open = { hash: new Map<string, T>(), uid: new Map<string, T>() };
  private readonly any = { hash: new Map<string, T>(), uid: new Map<string, T>() };

  constructor(private readonly algorithm: DedupAlgorithm) {}

  /** Registers an original (call in id order: the first registered per key wins). */
  add(identity: Identity, original: T, mitigated: boolean): void {
    for (const maps of mitigated ? [this.any] : [this.any, this.open]) {
      if (identity.hash && usesHash(this.algorithm) && !maps.hash.has(identity.hash))
        maps.hash.set(identity.hash, original);
      if (identity.uid && usesUid(this.algorithm) && !maps.uid.has(identity.uid)) maps.uid.set(identity.uid, original);
    }
  }

  match(identity: Identity, newIsOpen: boolean): T | undefined {
    const maps = newIsOpen ? this.open : this.any;
    if (usesUid(this.algorithm) && identity.uid) {
      const hit = maps.uid.get(identity.uid);
      if (hit || this.algorithm === 'unique_id_from_tool') return hit;
    }
    if (this.algorithm === 'unique_id_from_tool') return undefined;
    return identity.hash ? maps.hash.get(identity.hash) : undefined;
  }
}

/** An index of the stored originals (non-duplicates) among the candidates. */
export function originalsFrom(
  candidates: FindingIdentity[],
  algorithm: DedupAlgorithm,
): OriginalIndex<FindingIdentity> {
  const index = new OriginalIndex<FindingIdentity>(algorithm);
  for (const c of candidates) {
    if (!c.duplicate) index.add({ hash: c.hash_code, uid: c.unique_id_from_tool }, c, c.is_mitigated);
  }
  return index;
}
