import type { CrossToolCandidate, Repositories } from '@vigil/db';
import type { DraftRow } from './finding-rows.ts';

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Optional cross-tool matching (VIGIL_DEDUP_CONFIG `crossToolMatching`): a new finding that no
 * identity matched duplicates an original another tool reported when they share a vulnerability
 * id and the same component (and version, when both give one) or, without a component, the same
 * file. An open finding only duplicates an open original, as with hash matching.
 */
export class CrossToolIndex {
  private constructor(private readonly candidates: CrossToolCandidate[]) {}

  static async load(
    repos: Pick<Repositories, 'deduplication'>,
    scope: { productId: number } | { engagementId: number },
    drafts: DraftRow[],
    belowId?: number,
  ): Promise<CrossToolIndex> {
    const ids = [
      ...new Set(drafts.flatMap((d) => d.vulnerability_ids.map((v) => v.trim().toUpperCase())).filter(Boolean)),
    ];
    return new CrossToolIndex(await repos.deduplication.crossToolCandidates(scope, ids, belowId));
  }

  match(d: DraftRow, newIsOpen: boolean): { id: number } | undefined {
    if (!d.vulnerability_ids.length || (!d.component_name && !d.file_path)) return undefined;
    const ids = new Set(d.vulnerability_ids.map((v) => v.trim().toUpperCase()));
    return this.candidates.find(
      (c) =>
        (!newIsOpen || !c.is_mitigated) &&
        c.vulnerability_ids.some((v) => ids.has(v.trim().toUpperCase())) &&
        (d.component_name
          ? norm(c.component_name) === norm(d.component_name) &&
            (!c.component_version || !d.component_version || norm(c.component_version) === norm(d.component_version))
          : !c.component_name && norm(c.file_path) === norm(d.file_path)),
    );
  }
}
