import type { ImportRequestRow, Repositories, UnitOfWork } from '@vigil/db';
import { resolveScanType } from './scan-type.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { Actor } from '../auth/actor.ts';
import type { ArtifactStore } from '../artifact/artifact-store.ts';
import { publish, topic } from '../events/domain-events.ts';
import { audit } from '../audit/audit-trail.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { ImportRequestPolicy } from './import-request.policy.ts';
import { readReport, tooLarge } from './report-input.ts';
import type { ImportService } from './import.service.ts';
import type { ImportRequest, ImportResult } from './import-request.ts';
import { presentImport } from './import.presenter.ts';

/** The job that runs an asynchronous import (packages/jobs/src/import/import-scan.job.ts). */
export const IMPORT_SCAN_JOB = 'import.scan';

/** A job run that finds its request already done (a second delivery): writes nothing. */
class AlreadyImported extends Error {}

type StoredOptions = Omit<ImportRequest, 'report' | 'mode' | 'scanType' | 'filename' | 'artifactKey'>;

/**
 * Imports that run on a worker: the report goes to the artifact store, the request row and its
 * `import.scan` job are written in one transaction, the caller polls the row. The job marks the
 * row done in the import's own transaction, so a job delivered twice imports once.
 */
export class AsyncImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly artifacts: ArtifactStore,
    private readonly imports: ImportService,
  ) {}

  async enqueue(ctx: RequestContext, req: ImportRequest): Promise<ImportRequestRow> {
    resolveScanType(req.scanType); // a wrong name is a 400 now, not a failed job
    await this.imports.precheckAccess(ctx, req);
    const productId = await this.knownProduct(ctx, req);
    // Size limits answer now, not in the job; gzip bombs are stopped when the job reads the report.
    const artifactKey = await this.store(req);
    const { report: _report, mode, scanType, filename, artifactKey: _key, ...options } = req;
    return this.uow.transaction(async (repos) => {
      const row = await repos.importRequests.insert({
        mode,
        scanType,
        artifactKey,
        filename: filename ?? null,
        options,
        actorId: ctx.actor.userId || null,
        productId,
      });
      const jobId = await repos.jobs.enqueue(IMPORT_SCAN_JOB, { requestId: row.id });
      await repos.importRequests.setJob(row.id, jobId!);
      await audit(repos, ctx, 'queue-import', 'import_request', row.id, undefined, {
        scanType,
        mode,
        artifactKey,
        productId,
      });
      return { ...row, job_id: jobId };
    });
  }

  /** A queued import, for whoever the import request policy lets read it. */
  async get(ctx: RequestContext, id: number): Promise<ImportRequestRow> {
    const row = await this.uow.repos.importRequests.findById(id);
    if (!row) throw notFound('Import request', id);
    await new ImportRequestPolicy(this.uow.repos).authorize(ctx.actor, 'read', row);
    return row;
  }

  /**
   * The job's body. Returns normally for a request that is done or gone. A failed request runs
   * again only when its job runs again: an administrator retried the dead letter.
   */
  async run(requestId: number, attempt: { final: boolean }): Promise<void> {
    const row = await this.uow.repos.importRequests.findById(requestId);
    if (!row || row.state === 'done') return;
    const actor = await this.actorOf(row);
    const topics = this.topicsOf(row);
    await this.uow.transaction(async (repos) => {
      await repos.importRequests.markRunning(requestId);
      await publish(repos, {
        type: 'import.started',
        topics,
        actorId: row.actor_id,
        payload: { requestId, scanType: row.scan_type, mode: row.mode, attempt: row.attempts + 1 },
      });
    });
    try {
      if (!actor) throw new AppError('FORBIDDEN', 'The user who queued this import no longer exists or is inactive');
      const options = (row.options ?? {}) as StoredOptions;
      const prepared = await this.imports.prepare(
        { actor, requestId: `import-request-${requestId}` },
        {
          ...options,
          mode: row.mode,
          scanType: row.scan_type,
          filename: row.filename ?? undefined,
          artifactKey: row.artifact_key,
        },
        (p) =>
          this.uow.transaction((repos) =>
            publish(repos, { type: 'import.progress', topics, actorId: row.actor_id, payload: { requestId, ...p } }),
          ),
      );
      // One transaction for the import and this request's bookkeeping: the row is locked first (a
      // second delivery of the job finds it done and writes nothing) and marked done with the import.
      await this.uow.transaction(async (repos) => {
        const locked = await repos.importRequests.lockForRun(requestId);
        if (!locked || locked.state === 'done') throw new AlreadyImported();
        await this.finish(repos, row, await this.imports.write(repos, prepared));
      });
    } catch (err) {
      if (err instanceof AlreadyImported) return;
      // Bad input or lost rights will not get better by retrying: fail now, with the reason.
      if (err instanceof AppError || attempt.final) await this.fail(row, topics, err);
      if (!(err instanceof AppError)) throw err;
    }
  }

  private async finish(repos: Repositories, row: ImportRequestRow, result: ImportResult): Promise<void> {
    const presented = presentImport(result);
    await repos.importRequests.markDone(row.id, {
      importId: result.importId,
      testId: result.testId,
      productId: result.productId,
      result: presented,
    });
    await publish(repos, {
      type: 'import.finished',
      topics: [...new Set([...this.topicsOf(row), topic.product(result.productId)])],
      actorId: row.actor_id,
      payload: {
        requestId: row.id,
        state: 'done',
        importId: result.importId,
        testId: result.testId,
        productId: result.productId,
        statistics: result.statistics,
      },
    });
  }

  private async fail(row: ImportRequestRow, topics: string[], err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    await this.uow.transaction(async (repos) => {
      await repos.importRequests.markFailed(row.id, message);
      await publish(repos, {
        type: 'import.failed',
        topics,
        actorId: row.actor_id,
        payload: { requestId: row.id, state: 'failed', error: message.slice(0, 500) },
      });
    });
  }

  private async store(req: ImportRequest): Promise<string> {
    if (Buffer.isBuffer(req.report)) {
      readReport(req.report, this.imports.limits);
      return this.artifacts.put(req.report);
    }
    if (!req.report) throw new AppError('BAD_REQUEST', 'The report is missing');
    if (req.report.size > this.imports.limits.maxBytes) throw tooLarge(this.imports.limits);
    return this.artifacts.putFile(req.report.path);
  }

  private topicsOf(row: ImportRequestRow): string[] {
    const topics = row.actor_id ? [topic.user(row.actor_id)] : [];
    if (row.product_id) topics.push(topic.product(row.product_id));
    return topics;
  }

  private async actorOf(row: ImportRequestRow): Promise<Actor | null> {
    if (row.actor_id === null) return null;
    const user = await this.uow.repos.users.findById(row.actor_id);
    if (!user?.is_active) return null;
    return { userId: user.id, username: user.username, isAdmin: user.is_admin, via: 'system' };
  }

  /** The target product when the request names an existing one (for the progress events' topic). */
  private async knownProduct(ctx: RequestContext, req: ImportRequest): Promise<number | null> {
    const repos = this.uow.repos;
    if (req.testId !== undefined) {
      const test = await repos.tests.findById(req.testId);
      if (!test) throw notFound('Test', req.testId);
      return test.product_id;
    }
    if (req.engagementId !== undefined) {
      const engagement = await repos.engagements.findById(req.engagementId);
      if (!engagement) throw notFound('Engagement', req.engagementId);
      return engagement.product_id;
    }
    // A named product the caller cannot read stays unknown: its id must not show in the answer.
    const named = req.productName ? await repos.products.findByName(req.productName) : undefined;
    if (named && (await new ProductPolicy(repos).can(ctx.actor, 'read', named))) return named.id;
    return null;
  }
}
