import type { RehashResult } from '@vigil/contract';
import type { RehashRunRow, UnitOfWork } from '@vigil/db';
import { parserForScanType } from '@vigil/parsers';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import type { RequestContext } from '../context/request-context.ts';
import { usesHash } from './deduplication.ts';
import { identityFingerprint, identityFor, type DedupIdentity, type DedupSettings } from './dedup-settings.ts';
import { storedHashCode } from './hash-code.ts';

export const REHASH_JOB = 'deduplication.rehash';
const BATCH = 2000;

// What a run changed: the contract's shape (a run's answer carries it).
export type { RehashResult } from '@vigil/contract';

/**
 * Applies a changed identity configuration to stored findings: recomputes every hash_code of a
 * scan type from the stored fields, then re-deduplicates, one product per transaction under the
 * product's import lock (an import into that product waits; no product is left half re-hashed).
 * A run is a `rehash_runs` row with its progress (products done of total), executed by the
 * `deduplication.rehash` job; running it twice changes nothing the second time.
 */
export class RehashService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: DedupSettings,
  ) {}

  /** Queues a re-hash of one scan type (admin); joins an unfinished run with the same identity. */
  async request(ctx: RequestContext, scanType: string): Promise<RehashRunRow> {
    adminPolicy.authorize(ctx.actor, 'request', 'rehash_run');
    const { canonical, identity } = this.resolve(scanType);
    const fingerprint = identityFingerprint(identity);
    return this.uow.transaction(async (repos) => {
      const pending = await repos.deduplication.pendingRun(canonical, fingerprint);
      if (pending) return pending;
      const run = await repos.deduplication.createRun(canonical, fingerprint, ctx.actor.userId || null);
      await repos.jobs.enqueue(REHASH_JOB, { runId: run.id });
      return run;
    });
  }

  /**
   * Queues a re-hash for every scan type whose stored hashes were computed with another identity
   * than the configuration's (a worker calls this at start). Scan types without a record are
   * recorded as they are. Returns the runs queued.
   */
  async queueStale(ctx: RequestContext): Promise<RehashRunRow[]> {
    const states = await this.uow.repos.deduplication.identityStates();
    const runs: RehashRunRow[] = [];
    for (const scanType of await this.uow.repos.deduplication.scanTypesInUse()) {
      const parser = parserForScanType(scanType);
      if (!parser) continue;
      const fingerprint = identityFingerprint(identityFor(parser, scanType, this.settings));
      const stored = states.get(scanType.toLowerCase());
      if (stored === undefined) await this.uow.repos.deduplication.recordIdentity(scanType, fingerprint, true);
      else if (stored !== fingerprint) runs.push(await this.request(ctx, scanType));
    }
    return runs;
  }

  get(ctx: RequestContext, id: number): Promise<RehashRunRow> {
    adminPolicy.authorize(ctx.actor, 'read', 'rehash_run');
    return this.uow.repos.deduplication.findRun(id).then((run) => {
      if (!run) throw notFound('Re-hash run', id);
      return run;
    });
  }

  list(ctx: RequestContext): Promise<RehashRunRow[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'rehash_run');
    return this.uow.repos.deduplication.listRuns(50);
  }

  /** Executes a run (the job's handler, or the CLI after `request`). */
  async run(runId: number, opts: { final?: boolean } = {}): Promise<RehashRunRow> {
    const repo = this.uow.repos.deduplication;
    const run = await repo.findRun(runId);
    if (!run) throw notFound('Re-hash run', runId);
    if (run.state === 'done') return run;
    const { canonical, identity } = this.resolve(run.scan_type);
    const products = await repo.productsWithScanType(canonical);
    await repo.updateRun(runId, { state: 'running', productsTotal: products.length, productsDone: 0, error: null });
    const result: RehashResult = { findings: 0, hashesChanged: 0, duplicateFlagsChanged: 0 };
    try {
      for (const [i, productId] of products.entries()) {
        const r = await this.rehashProduct(canonical, identity, productId);
        result.findings += r.findings;
        result.hashesChanged += r.hashesChanged;
        result.duplicateFlagsChanged += r.duplicateFlagsChanged;
        await repo.updateRun(runId, { productsDone: i + 1 });
      }
      await repo.recordIdentity(canonical, run.fingerprint, false);
      await repo.updateRun(runId, { state: 'done', result });
    } catch (err) {
      await repo.updateRun(runId, { state: opts.final === false ? 'queued' : 'failed', error: (err as Error).message });
      throw err;
    }
    return (await repo.findRun(runId))!;
  }

  private async rehashProduct(scanType: string, identity: DedupIdentity, productId: number): Promise<RehashResult> {
    const key =
      identity.algorithm === 'unique_id_from_tool'
        ? 'uid'
        : identity.algorithm === 'unique_id_from_tool_or_hash_code'
          ? 'uid_or_hash'
          : 'hash';
    return this.uow.transaction(async (repos) => {
      await repos.imports.lockProduct(productId);
      const r: RehashResult = { findings: 0, hashesChanged: 0, duplicateFlagsChanged: 0 };
      for (let after = 0; ; ) {
        const batch = await repos.deduplication.hashableBatch(scanType, productId, after, BATCH);
        if (!batch.length) break;
        after = batch[batch.length - 1].id;
        r.findings += batch.length;
        if (usesHash(identity.algorithm)) {
          r.hashesChanged += await repos.deduplication.setHashCodes(
            batch.map((f) => ({ id: f.id, hash: storedHashCode(f, identity.hashFields) })),
          );
        }
      }
      r.duplicateFlagsChanged = await repos.deduplication.rededuplicate(productId, scanType, key);
      return r;
    });
  }

  private resolve(scanType: string): { canonical: string; identity: DedupIdentity } {
    const parser = parserForScanType(scanType);
    if (!parser)
      throw new AppError('BAD_REQUEST', `Unknown scan type "${scanType.slice(0, 100)}"`, [
        { path: 'scanType', message: 'unknown scan type' },
      ]);
    const canonical = parser.scanTypes.find((t) => t.toLowerCase() === scanType.trim().toLowerCase()) ?? scanType;
    return { canonical, identity: identityFor(parser, canonical, this.settings) };
  }
}
