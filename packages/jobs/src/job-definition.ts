import type { z } from 'zod';

/** A job as data: its name, payload schema, retry policy, timeout and optional schedule. */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  payload: P;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  timeoutSeconds: number;
  /** Cron expression (UTC); the scheduler enqueues one job per occurrence, cluster-wide. */
  cron?: string;
}

/** An idempotent handler: may run more than once for the same job. */
export type JobHandler<P extends z.ZodType = z.ZodType> = (payload: z.infer<P>, meta: JobMeta) => Promise<void>;

export interface JobMeta {
  jobId: string;
  /** 0 on the first run; a handler may run again after a crash even with retryCount 0. */
  retryCount: number;
  /** No retry is left after this run (a failure makes it a dead letter). */
  final: boolean;
}

export function defineJob<P extends z.ZodType>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}
