import type { z } from 'zod';
import { jobPayloads, type JobName, type JobPayloadSchema } from '@vigil/contract';

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

/**
 * Handlers by job name, each typed by its job's payload schema (@vigil/contract): a handler gets
 * the parsed payload of its own job, so no handler casts its input.
 */
export type JobHandlers = { [N in JobName]?: JobHandler<JobPayloadSchema<N>> };

/** What the worker dispatches to: it parses each payload with the job's own schema first. */
export type AnyJobHandlers = Record<string, (payload: any, meta: JobMeta) => Promise<void>>;

export interface JobMeta {
  jobId: string;
  /** 0 on the first run; a handler may run again after a crash even with retryCount 0. */
  retryCount: number;
  /** No retry is left after this run (a failure makes it a dead letter). */
  final: boolean;
}

/** A job of the catalogue: the payload schema is the contract's, the policy is given here. */
export function defineJob<N extends JobName>(
  def: Omit<JobDefinition, 'name' | 'payload'> & { name: N },
): JobDefinition<JobPayloadSchema<N>> & { name: N } {
  return { ...def, payload: jobPayloads[def.name] };
}
