import type { UnitOfWork } from '@vigil/db';
import type { ArtifactStore } from '../artifact/artifact-store.ts';
import { audit } from '../audit/audit-trail.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';

export interface RetentionSettings {
  auditRetentionDays: number;
  eventRetentionDays: number;
  /** Unreferenced artifacts younger than this are kept (an import may be about to reference them). */
  artifactGraceDays: number;
  /** Duplicates kept per original finding; 0 keeps every duplicate. */
  maxDuplicates: number;
}

const DAY_MS = 86_400_000;

/** Clean-ups run by the scheduler; each deletes only what is past its limit, so re-running is harmless. */
export class RetentionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly artifacts: ArtifactStore,
    private readonly settings: RetentionSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private cutoff(days: number): Date {
    return new Date(this.clock().getTime() - days * DAY_MS);
  }

  async auditLog(): Promise<number> {
    return this.drain(() => this.uow.repos.retention.deleteAuditChunk(this.cutoff(this.settings.auditRetentionDays)));
  }

  /** Domain events past retention that every durable consumer has read, and old reminder records. */
  async domainEvents(): Promise<number> {
    const n = await this.drain(() =>
      this.uow.repos.retention.deleteEventChunk(this.cutoff(this.settings.eventRetentionDays)),
    );
    await this.uow.repos.reminders.deleteSentBefore(this.cutoff(Math.max(this.settings.eventRetentionDays, 90)));
    return n;
  }

  /** Deletes the oldest duplicates beyond the configured maximum per original (DefectDojo's max_dupes). */
  async excessDuplicates(): Promise<number> {
    if (this.settings.maxDuplicates <= 0) return 0;
    let total = 0;
    for (;;) {
      const deleted = await this.uow.transaction(async (repos) => {
        const rows = await repos.retention.deleteExcessDuplicates(this.settings.maxDuplicates);
        if (rows.length)
          await audit(
            repos,
            { actor: SYSTEM_ACTOR },
            'delete-duplicates',
            'finding',
            rows[0].duplicate_finding_id,
            undefined,
            { maxDuplicates: this.settings.maxDuplicates, deletedIds: rows.map((r) => r.id) },
          );
        return rows.length;
      });
      total += deleted;
      if (deleted === 0) return total;
    }
  }

  /** Artifacts nothing references any more and older than the grace period. */
  async artifactStore(): Promise<number> {
    const before = this.cutoff(this.settings.artifactGraceDays);
    const candidates: string[] = [];
    for await (const a of this.artifacts.list()) if (a.storedAt < before) candidates.push(a.key);
    if (!candidates.length) return 0;
    // Read the references after listing: anything referenced from now on was stored (or renewed) after `before`.
    const referenced = await this.uow.repos.retention.referencedArtifactKeys();
    let n = 0;
    for (const key of candidates) {
      if (referenced.has(key)) continue;
      await this.artifacts.delete(key);
      n++;
    }
    return n;
  }

  private async drain(chunk: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await chunk();
      total += n;
      if (n === 0) return total;
    }
  }
}
