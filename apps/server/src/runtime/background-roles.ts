import type { Logger } from 'pino';
import {
  createQueue,
  ensureJobQueues,
  importHandlers,
  rehashHandlers,
  jiraHandlers,
  jobDefinitions,
  JobWorker,
  maintenanceHandlers,
  metricsObserver,
  notificationRetentionHandlers,
  idempotencyKeysHandlers,
  scheduledHandlers,
  startMetricsListener,
  startScheduler,
  vulndbHandlers,
  sbomMatchHandlers,
  vulndbSchedule,
} from '@vigil/jobs';
import { createNvdSync, cvssScorer, OsvSyncService } from '@vigil/vulndb';
import { JobFailureNotifier, NotificationRunner, requestReverseMatch, SYSTEM_ACTOR } from '@vigil/core';
import { withJobFailedEvents } from './job-failure-events.ts';
import type { Config } from '../config/config.ts';
import type { OpenDatabase } from './open-database.ts';
import { createServices } from './services.ts';

export interface BackgroundRoles {
  worker: boolean;
  scheduler: boolean;
}

export interface BackgroundRuntime {
  /** Stops taking jobs, lets running ones finish (up to VIGIL_WORKER_SHUTDOWN_SECONDS), hands back the rest. */
  stop(): Promise<void>;
}

/** Starts the worker and/or scheduler roles on pg-boss (docs/jobs.md). */
export async function startBackgroundRoles(
  config: Config,
  db: OpenDatabase,
  logger: Logger,
  roles: BackgroundRoles,
): Promise<BackgroundRuntime> {
  const jobs = config.jobs;
  await ensureJobQueues(db.uow, jobDefinitions, jobs.timeouts);
  const boss = createQueue(db.handle, config.databaseUrl, {
    schedule: roles.scheduler,
    supervise: true,
    cronMonitorIntervalSeconds: jobs.schedulerCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(5, jobs.schedulerCheckSeconds),
    clockMonitorIntervalSeconds: Math.max(jobs.schedulerCheckSeconds, 60),
    maintenanceIntervalSeconds: jobs.maintenanceIntervalSeconds,
  });
  boss.on('error', (err) => logger.error({ err }, 'queue error'));
  await boss.start();
  let worker: JobWorker | undefined;
  let notificationRunner: NotificationRunner | undefined;
  if (roles.worker) {
    const services = createServices(db.uow, config);
    const handlers = {
      ...maintenanceHandlers(db.uow.repos, config.loginWindowSeconds),
      ...importHandlers(services.asyncImports),
      ...rehashHandlers(services.rehash),
      ...scheduledHandlers(services),
      ...jiraHandlers(services),
      ...notificationRetentionHandlers(db.uow, config.notifications.retentionDays),
      ...idempotencyKeysHandlers(services.idempotency),
      ...sbomMatchHandlers(services.sbomMatch),
      ...vulndbHandlers({
        osv: (onProgress) =>
          new OsvSyncService(db.uow, cvssScorer, { batchSize: 1000, onProgress, beforeWrite: requestReverseMatch }),
        nvd: createNvdSync({
          uow: db.uow,
          loader: (onProgress) =>
            new OsvSyncService(db.uow, cvssScorer, { batchSize: 1000, onProgress, beforeWrite: requestReverseMatch }),
          api: { apiKey: config.vulndb.nvdApiKey },
          onWarning: (warning) => logger.warn({ warning }, 'NVD record stored without a part'),
        }),
        syncRuns: services.vulndbSyncRuns,
        sources: config.vulndb.sources,
      }),
    };
    worker = new JobWorker(
      boss,
      jobDefinitions,
      handlers,
      {
        concurrency: jobs.concurrency,
        concurrencyByQueue: jobs.concurrencyByQueue,
        pollingIntervalMs: jobs.pollingIntervalMs,
      },
      withJobFailedEvents(metricsObserver(logger), new JobFailureNotifier(db.uow), logger),
    );
    worker.start();
    // A changed deduplication identity (VIGIL_DEDUP_CONFIG) queues a re-hash of the affected scan types.
    const stale = await services.rehash.queueStale({ actor: SYSTEM_ACTOR });
    if (stale.length)
      logger.info({ scanTypes: stale.map((r) => r.scan_type) }, 'deduplication identity changed: re-hash queued');
    // Notifications: event log → notifications → outbox deliveries, on a short loop (docs/notifications.md);
    // the feed's automatic import posts are another durable consumer on the same loop (docs/jobs.md).
    notificationRunner = new NotificationRunner(
      services.notificationDispatcher,
      services.notificationDelivery,
      config.notifications.intervalMs,
      logger,
      [services.importFeedPosts],
    );
    notificationRunner.start();
  }
  // The all-in-one process serves job metrics on the server's /metrics; a standalone worker may listen itself.
  const metrics =
    roles.worker && !roles.scheduler && jobs.metricsPort
      ? await startMetricsListener(jobs.metricsPort, config.host)
      : undefined;
  // VIGIL_VULNDB_SYNC_CRON schedules the vulnerability database sync; VIGIL_SCHEDULES may still override it.
  const overrides = { ...vulndbSchedule(config.vulndb.syncCron), ...jobs.schedules };
  const schedules = roles.scheduler ? await startScheduler(boss, jobDefinitions, overrides) : [];
  logger.info({ roles, concurrency: jobs.concurrency, schedules: schedules.length }, 'background roles started');
  return {
    async stop() {
      await notificationRunner?.stop();
      await worker?.stop(jobs.shutdownTimeoutMs);
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, jobs.shutdownTimeoutMs) });
      metrics?.close();
    },
  };
}
