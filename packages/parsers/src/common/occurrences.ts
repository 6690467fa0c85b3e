import type { ParsedFinding } from '../parser.ts';

/**
 * Collects findings under a report-specific "dupe key", the way many reference parsers merge
 * repeats inside one report: the first finding for a key is kept (insertion order preserved),
 * later ones only bump its `occurrences` (or run a custom merge).
 */
export class OccurrenceMap {
  private readonly byKey = new Map<string, ParsedFinding>();

  /** Adds a finding; returns true when it was new, false when it was merged into an earlier one. */
  add(key: string, finding: ParsedFinding, merge?: (kept: ParsedFinding, repeat: ParsedFinding) => void): boolean {
    const kept = this.byKey.get(key);
    if (!kept) {
      this.byKey.set(key, { ...finding, occurrences: finding.occurrences ?? 1 });
      return true;
    }
    kept.occurrences = (kept.occurrences ?? 1) + 1;
    merge?.(kept, finding);
    return false;
  }

  /** Keeps only the first finding for a key, without counting repeats. */
  addFirst(key: string, finding: ParsedFinding): void {
    if (!this.byKey.has(key)) this.byKey.set(key, finding);
  }

  /** Replaces the finding for a key (last one wins) while keeping the key's first position. */
  set(key: string, finding: ParsedFinding): void {
    this.byKey.set(key, finding);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  values(): ParsedFinding[] {
    return [...this.byKey.values()];
  }
}
