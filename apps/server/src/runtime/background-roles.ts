import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { createQueue, jiraHandlers, jobDefinitions, maintenanceHandlers, startScheduler, startWorkers } from '@vigil/jobs';
import type { Config } from '../config/config.ts';
import type { OpenDatabase } from './open-database.ts';

export interface BackgroundRoles {
  worker: boolean;
  scheduler: boolean;
}

/** Starts the worker and/or scheduler roles on pg-boss; returns the queue for shutdown. */
export async function startBackgroundRoles(config: Config, db: OpenDatabase, logger: Logger, roles: BackgroundRoles): Promise<PgBoss> {
  const boss = createQueue(db.handle, config.databaseUrl, { schedule: roles.scheduler, supervise: true });
  boss.on('error', (err) => logger.error({ err }, 'queue error'));
  await boss.start();
  const handlers = { ...maintenanceHandlers(db.uow.repos, config.loginWindowSeconds), ...jiraHandlers(db.uow, config.secretKey) };
  if (roles.worker) {
    await startWorkers(boss, jobDefinitions, handlers, {
      concurrency: 1,
      onError: (job, err) => logger.error({ job, err }, 'job failed'),
    });
  }
  if (roles.scheduler) await startScheduler(boss, jobDefinitions);
  logger.info({ roles }, 'background roles started');
  return boss;
}
