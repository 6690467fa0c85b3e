import { OSV_LIMITS, type VulndbSyncSource } from '@vigil/contract';
import { SYSTEM_ACTOR, syncSourceKey, type VulndbSyncRunService } from '@vigil/core';
import type { SyncCounts, SyncRunRow } from '@vigil/db';
import { localArchive, readZipEntries, type OsvSyncService } from '@vigil/vulndb';
import { defineJob, type JobHandlers } from '../job-definition.ts';
import { syncRunMetrics } from './vulndb-metrics.ts';

export const vulndbSyncJob = defineJob({
  name: 'vulndb.sync',
  description: 'Syncs the vulnerability database from one source (an OSV ecosystem archive or NVD pages)',
  retryLimit: 2,
  retryDelaySeconds: 300,
  retryBackoff: true,
  // The npm archive alone is over 200 MB; a first load of every ecosystem takes a while.
  timeoutSeconds: 6 * 60 * 60,
});

/**
 * Queues one vulndb.sync per configured source. It has no schedule of its own: VIGIL_VULNDB_SYNC_CRON
 * gives it one (the scheduler enqueues each occurrence once, however many schedulers run).
 */
export const vulndbScheduledSyncJob = defineJob({
  name: 'vulndb.sync-scheduled',
  description: 'Queues a sync of every configured vulnerability database source (VIGIL_VULNDB_SYNC_CRON)',
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  timeoutSeconds: 5 * 60,
});

export const vulndbJobs = [vulndbSyncJob, vulndbScheduledSyncJob];

/** The scheduler's overrides that give vulndb.sync-scheduled its cron ('off': none). */
export function vulndbSchedule(syncCron: string): Record<string, string> {
  return syncCron === 'off' ? {} : { [vulndbScheduledSyncJob.name]: syncCron };
}

/** Reports a run's totals after each committed batch. */
export type SyncProgress = (totals: SyncCounts) => void;

/** Loads NVD API 2.0 pages from a URL or a directory of pages, resuming where the last successful run ended. */
export type NvdSync = (from: string, onProgress: SyncProgress) => Promise<SyncRunRow>;

export interface VulndbJobDeps {
  /** An OSV loader reporting its progress to `onProgress` (one per run). */
  osv: (onProgress: SyncProgress) => Pick<OsvSyncService, 'load'>;
  syncRuns: Pick<VulndbSyncRunService, 'trigger' | 'recordFailure'>;
  /** The configured sources (the scheduled job syncs them all). */
  sources: readonly VulndbSyncSource[];
  nvd: NvdSync;
  fetch?: typeof fetch;
}

/**
 * Handlers of the vulndb jobs. A sync may run twice (a retry, a crash): records already stored with
 * the same `modified` and text are skipped, so a second run only costs the reading.
 */
export function vulndbHandlers(deps: VulndbJobDeps): JobHandlers {
  return {
    'vulndb.sync-scheduled': async () => {
      if (deps.sources.length > 0) await deps.syncRuns.trigger({ actor: SYSTEM_ACTOR }, {});
    },
    'vulndb.sync': async (source) => {
      await runSync(source, deps);
    },
  };
}

/** One sync of one source, its progress counted in the run's row (the loader) and the metrics. */
export async function runSync(source: VulndbSyncSource, deps: Omit<VulndbJobDeps, 'sources'>): Promise<SyncRunRow> {
  const metrics = syncRunMetrics(syncSourceKey(source));
  try {
    const run = source.source === 'osv' ? await syncOsv(source, deps, metrics) : await syncNvd(source, deps, metrics);
    metrics.finished('succeeded');
    return run;
  } catch (err) {
    metrics.finished('failed');
    throw err;
  }
}

async function syncOsv(
  source: Extract<VulndbSyncSource, { source: 'osv' }>,
  deps: Pick<VulndbJobDeps, 'osv' | 'fetch' | 'syncRuns'>,
  metrics: ReturnType<typeof syncRunMetrics>,
): Promise<SyncRunRow> {
  const archive = await localArchive(source.url, deps.fetch).catch(async (err: Error) => {
    await deps.syncRuns.recordFailure(source, err.message);
    throw err;
  });
  try {
    return await deps
      .osv((t) => metrics.progress(t))
      .load(readZipEntries(archive.path, OSV_LIMITS.recordBytes), {
        source: 'osv',
        ecosystem: source.ecosystem,
        origin: archive.origin,
      });
  } finally {
    await archive.release();
  }
}

async function syncNvd(
  source: Extract<VulndbSyncSource, { source: 'nvd' }>,
  deps: Pick<VulndbJobDeps, 'nvd'>,
  metrics: ReturnType<typeof syncRunMetrics>,
): Promise<SyncRunRow> {
  return deps.nvd(source.url, (t) => metrics.progress(t));
}
