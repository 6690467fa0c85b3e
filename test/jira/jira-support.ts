import type PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { JIRA_SYNC_JOB, JiraEventDispatcher } from '@vigil/core';
import { createQueue, ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import type { TestDatabase } from '../support/postgres.ts';
import type { Harness } from '../support/harness.ts';
import { DEFAULT_NOTIFICATION_CONFIG } from '../../apps/server/src/config/notification.config.ts';

/**
 * The fake Jira listens on loopback, which the outbound SSRF guard refuses unless allowed (as VIGIL_OUTBOUND_ALLOW
 * does).
 */
export const LOOPBACK_ALLOW = ['127.0.0.1/32', '::1/128'];
export const LOOPBACK_ALLOWED = { ...DEFAULT_NOTIFICATION_CONFIG, outboundAllow: LOOPBACK_ALLOW };

/**
 * Runs the Jira jobs the way a worker does, through the real pg-boss queue: fetch what is queued,
 * run the handler, complete or fail the job (failures go back to pg-boss's retry).
 */
export class JiraJobRunner {
  private boss!: PgBoss;
  readonly dispatcher: JiraEventDispatcher;

  constructor(
    private readonly db: TestDatabase,
    private readonly h: Harness,
  ) {
    this.dispatcher = new JiraEventDispatcher(db.uow);
  }

  async start(): Promise<this> {
    await ensureJobQueues(this.db.uow.repos, jobDefinitions);
    this.boss = createQueue(this.db.handle, this.db.url, { schedule: false, supervise: false });
    await this.boss.start();
    return this;
  }

  stop(): Promise<void> {
    return this.boss.stop({ graceful: false, wait: true });
  }

  /** Sync jobs queued and not yet fetched. */
  async queued(): Promise<Array<{ id: string; data: { issueId: number } }>> {
    const r = await sql<{ id: string; data: { issueId: number } }>`
      SELECT id, data FROM pgboss.job WHERE name = ${JIRA_SYNC_JOB} AND state = 'created' ORDER BY created_on`.execute(
      this.db.handle.db,
    );
    return r.rows;
  }

  /** Dispatches pending domain events, then runs every queued sync job once; returns the errors. */
  async runAll(): Promise<Error[]> {
    await this.dispatcher.drain();
    const errors: Error[] = [];
    for (;;) {
      const jobs = await this.boss.fetch<{ issueId: number }>(JIRA_SYNC_JOB, { batchSize: 50 });
      if (!jobs.length) return errors;
      for (const job of jobs) {
        try {
          await this.h.services.jiraSync.sync(job.data.issueId);
          await this.boss.complete(JIRA_SYNC_JOB, job.id);
        } catch (err) {
          errors.push(err as Error);
          await this.boss.fail(JIRA_SYNC_JOB, job.id, { message: (err as Error).message });
        }
      }
    }
  }
}
