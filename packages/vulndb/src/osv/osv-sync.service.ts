import type { AdvisoryWrite, InvalidRecord, Repositories, SyncCounts, SyncRunRow, UnitOfWork } from '@vigil/db';
import { advisoryWrite, type SeverityScorer } from './advisory-rows.ts';
import { planAliasGroups } from './alias-groups.ts';
import type { ArchiveItem } from './osv-archive.ts';
import { parseOsvText, recordHash, validateOsv, type OsvText } from './osv-record.ts';

/** Which run a load is: `osv` + ecosystem for an archive, `import` for single records. */
export interface SyncRunSource {
  source: string;
  ecosystem: string | null;
  origin: string | null;
}

export type RecordOutcome = 'inserted' | 'updated' | 'unchanged' | 'invalid';

export interface OsvSyncOptions {
  /** Records per transaction. */
  batchSize: number;
  /** Called after each committed batch with the run's totals so far. */
  onProgress?: (totals: SyncCounts) => void;
  /**
   * Called in a batch's transaction before its advisories are written (so it can read what they
   * named before): reverse matching enqueues its job here, committed with the advisories.
   */
  beforeWrite?: (repos: Repositories, osvIds: string[]) => Promise<void>;
}

/** A record's text as read, with its hash. */
interface RawRecord {
  where: string;
  text: string;
  hash: string;
}

interface Batch {
  records: RawRecord[];
  /** Characters of record text in the batch. */
  chars: number;
  invalid: InvalidRecord[];
}

/**
 * A batch also closes at this much record text: memory follows a batch's bytes (its text, parsed
 * JSON, validated copy and statement parameters), and records of 10 KiB and more (distro advisories,
 * long version lists) would otherwise make a batch of 1,000 tens of megabytes.
 */
const BATCH_CHARS = 2 * 1024 * 1024;

const EMPTY: SyncCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, withdrawn: 0, invalid: 0 };

/**
 * Loads OSV records into the advisory store (docs/vulndb.md "Loading OSV"). Records are taken in
 * batches, one transaction each: the stored `modified` of the batch's ids is read first and a record
 * the store already has (same or later `modified`, same text) is neither validated nor written; the
 * others are validated (an invalid one is reported with its id and skipped), upserted with their
 * children, and their alias groups recomputed; the run's counts advance in the same transaction.
 * The next batch is read and parsed while the previous one is written.
 */
export class OsvSyncService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scorer: SeverityScorer,
    private readonly options: OsvSyncOptions = { batchSize: 1000 },
  ) {}

  /** Loads every item; the run is recorded as succeeded, or as failed with the error (then rethrown). */
  async load(items: AsyncIterable<ArchiveItem> | Iterable<ArchiveItem>, from: SyncRunSource): Promise<SyncRunRow> {
    const run = await this.uow.repos.vulndbSyncRuns.start(from);
    const totals = { ...EMPTY };
    let writing: Promise<void> = Promise.resolve();
    let nextAnalyze = 1000;
    const flush = async (batch: Batch) => {
      await writing;
      writing = this.writeBatch(batch, from.source, run.id).then(async (counts) => {
        for (const k of Object.keys(totals) as (keyof SyncCounts)[]) totals[k] += counts[k];
        const written = totals.inserted + totals.updated;
        // Statistics refreshed each time the run has doubled what it wrote (1,000, 2,000, 4,000, …).
        if (written >= nextAnalyze) {
          await this.uow.repos.advisories.analyze();
          while (nextAnalyze <= written) nextAnalyze *= 2;
        }
        this.options.onProgress?.({ ...totals });
      });
      // A failed write surfaces at the next flush or at the end; keep it from being reported as unhandled meanwhile.
      writing.catch(() => undefined);
    };
    try {
      let batch: Batch = { records: [], invalid: [], chars: 0 };
      for await (const item of items) {
        if ('error' in item) batch.invalid.push({ id: item.where, reason: item.error });
        else {
          batch.records.push({ where: item.where, text: item.text, hash: recordHash(item.text) });
          batch.chars += item.text.length;
        }
        if (batch.records.length + batch.invalid.length >= this.options.batchSize || batch.chars >= BATCH_CHARS) {
          await flush(batch);
          batch = { records: [], invalid: [], chars: 0 };
        }
      }
      await flush(batch);
      await writing;
    } catch (err) {
      await writing.catch(() => undefined);
      await this.uow.repos.vulndbSyncRuns.finish(run.id, 'failed', (err as Error).message.slice(0, 2000));
      throw err;
    }
    return this.uow.repos.vulndbSyncRuns.finish(run.id, 'succeeded', null);
  }

  /** Loads one record's text (`vigil vulndb import`): its outcome, and the reason when it is invalid. */
  async importRecord(
    text: string,
    from: SyncRunSource,
  ): Promise<{ id: string; outcome: RecordOutcome; reason?: string; run: SyncRunRow }> {
    const run = await this.load([{ where: from.origin ?? 'record', text }], from);
    const invalid = run.invalid_records[0];
    const read = parseOsvText(text, from.origin ?? 'record');
    const id = invalid?.id ?? (read.ok ? read.id : '');
    if (run.invalid > 0) return { id, outcome: 'invalid', reason: invalid?.reason, run };
    const outcome: RecordOutcome = run.inserted > 0 ? 'inserted' : run.updated > 0 ? 'updated' : 'unchanged';
    return { id, outcome, run };
  }

  private async writeBatch(batch: Batch, source: string, runId: number): Promise<SyncCounts> {
    const counts: SyncCounts = { ...EMPTY, read: batch.records.length + batch.invalid.length };
    const invalid = [...batch.invalid];
    // The same text as stored is the same record: skipped before it is even parsed. Asked outside
    // the batch's transaction: a stored hash only ever leaves for a newer record, so the answer holds.
    const known = await this.uow.repos.advisories.knownHashes(batch.records.map((r) => r.hash));
    const texts: OsvText[] = [];
    for (const r of batch.records) {
      if (known.has(r.hash)) {
        counts.unchanged++;
        continue;
      }
      const read = parseOsvText(r.text, r.where, r.hash);
      if (read.ok) texts.push(read);
      else invalid.push({ id: read.id, reason: read.reason });
    }
    counts.invalid = invalid.length;
    if (texts.length === 0) {
      await this.uow.repos.vulndbSyncRuns.advance(runId, counts, invalid);
      return counts;
    }
    return this.uow.transaction(async (repos) => {
      await repos.advisories.lockWrites();
      // The latest copy of an id wins within a batch too (an archive should hold each id once).
      const latest = new Map<string, OsvText>();
      for (const t of texts) {
        const seen = latest.get(t.id);
        if (seen) counts.unchanged++;
        if (!seen || (seen.modified ?? '') <= (t.modified ?? '')) latest.set(t.id, t);
      }
      const stored = new Map((await repos.advisories.storedVersions([...latest.keys()])).map((s) => [s.osv_id, s]));
      const writes: AdvisoryWrite[] = [];
      const newlyWithdrawn = new Set<string>();
      for (const t of latest.values()) {
        const before = stored.get(t.id);
        const incoming = t.modified === undefined ? Number.NaN : Date.parse(t.modified);
        const at = before?.modified.getTime();
        if (at !== undefined && (at > incoming || (at === incoming && before?.content_hash === t.hash))) {
          counts.unchanged++;
          continue;
        }
        const valid = validateOsv(t.json, t.id);
        if (!valid.ok) {
          invalid.push({ id: valid.id, reason: valid.reason });
          continue;
        }
        writes.push(advisoryWrite(valid.record, t.json, { source, hash: t.hash }, this.scorer));
        if (valid.record.withdrawn !== undefined && !before?.withdrawn) newlyWithdrawn.add(t.id);
      }
      if (writes.length > 0)
        await this.options.beforeWrite?.(
          repos,
          writes.map((w) => w.osv_id),
        );
      const written = await repos.advisories.upsert(writes);
      counts.inserted = written.filter((w) => w.inserted).length;
      counts.updated = written.length - counts.inserted;
      counts.unchanged += writes.length - written.length;
      counts.withdrawn = written.filter((w) => newlyWithdrawn.has(w.osv_id)).length;
      counts.invalid = invalid.length;
      if (written.length > 0) await regroup(repos, writes);
      await repos.vulndbSyncRuns.advance(runId, counts, invalid);
      return counts;
    });
  }
}

/** Recomputes the alias groups around the written advisories (their ids and aliases, old and new). */
async function regroup(repos: Repositories, writes: AdvisoryWrite[]): Promise<void> {
  const seeds = new Set<string>();
  for (const w of writes) {
    seeds.add(w.osv_id);
    for (const a of w.aliases) seeds.add(a);
  }
  const plan = planAliasGroups(await repos.aliasGroups.region([...seeds]));
  await repos.aliasGroups.write(plan.groups, plan.removed, plan.obsoleteGroupIds);
}
