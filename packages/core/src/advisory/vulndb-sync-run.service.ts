import type { SyncRunListQuery, TriggerSyncRequest, TriggerSyncResponse, VulndbSyncSource } from '@vigil/contract';
import type { Page, SyncRunRow, UnitOfWork } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import { audit } from '../audit/audit-trail.ts';
import { advisoryPolicy } from './advisory.policy.ts';

/** A second "sync now" of the same source within this window queues nothing (a double click). */
const TRIGGER_WINDOW_SECONDS = 60;

/** The job queue key of a source: one queued sync per source and window. */
export function syncSourceKey(s: VulndbSyncSource): string {
  return s.source === 'osv' ? `osv:${s.ecosystem}` : 'nvd';
}

/**
 * The sync history, and "sync now" for administrators: one `vulndb.sync` job per configured source
 * (docs/vulndb.md "Scheduled syncs"). The sources come from the configuration, never from the
 * request, so a caller cannot point the server at another address.
 */
export class VulndbSyncRunService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sources: readonly VulndbSyncSource[],
  ) {}

  async list(ctx: RequestContext, q: SyncRunListQuery): Promise<Page<SyncRunRow>> {
    advisoryPolicy.authorize(ctx.actor, 'read_sync_runs');
    return paged(() => this.uow.repos.vulndbSyncRuns.list({ source: q.source, limit: q.limit, cursor: q.cursor }));
  }

  /**
   * Records a sync that failed before its loader started (the archive could not be downloaded or
   * opened), so the history shows it like any other failed run. Called by the sync job, not by users.
   */
  async recordFailure(source: VulndbSyncSource, error: string): Promise<SyncRunRow> {
    const runs = this.uow.repos.vulndbSyncRuns;
    const run = await runs.start({
      source: source.source,
      ecosystem: source.source === 'osv' ? source.ecosystem : null,
      origin: source.url,
    });
    return runs.finish(run.id, 'failed', error.slice(0, 2000));
  }

  async trigger(ctx: RequestContext, req: TriggerSyncRequest): Promise<TriggerSyncResponse> {
    advisoryPolicy.authorize(ctx.actor, 'trigger_sync');
    if (this.sources.length === 0)
      throw new AppError(
        'CONFLICT',
        'No vulnerability database source is configured (VIGIL_VULNDB_OSV_ECOSYSTEMS, VIGIL_VULNDB_NVD_URL)',
      );
    const chosen = this.sources.filter(
      (s) =>
        (req.source === undefined || s.source === req.source) &&
        (req.ecosystem === undefined || (s.source === 'osv' && s.ecosystem === req.ecosystem)),
    );
    if (chosen.length === 0)
      throw new AppError('UNPROCESSABLE', 'No configured source matches', {
        configured: this.sources.map(syncSourceKey),
      });
    return this.uow.transaction(async (repos) => {
      const queued: TriggerSyncResponse['queued'] = [];
      for (const s of chosen) {
        const jobId = await repos.jobs.enqueue('vulndb.sync', s, {
          singletonKey: syncSourceKey(s),
          singletonSeconds: TRIGGER_WINDOW_SECONDS,
        });
        queued.push({ source: s.source, ecosystem: s.source === 'osv' ? s.ecosystem : null, url: s.url, jobId });
      }
      await audit(repos, ctx, 'trigger', 'vulndb_sync', 'vulndb', undefined, { sources: chosen.map(syncSourceKey) });
      return { queued };
    });
  }
}
