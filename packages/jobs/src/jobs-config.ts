import { z } from 'zod';

/** `a=1,b=8` → { a: 1, b: 8 } (queue names have no commas or equals signs). */
const ZPerQueueNumbers = (what: string, min: number, max: number) =>
  z.string().transform((v, ctx) => {
    const out: Record<string, number> = {};
    for (const part of v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = /^([a-z0-9_.-]+)=(\d+)$/.exec(part);
      const n = m ? Number(m[2]) : NaN;
      if (!m || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not queue=${what} (${min}–${max})` });
        return z.NEVER;
      }
      out[m[1]] = n;
    }
    return out;
  });

/** `name=cron;name=off` (cron expressions contain spaces and commas, so entries are split on ";"). */
const ZSchedules = z.string().transform((v, ctx) => {
  const out: Record<string, string> = {};
  for (const part of v
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9_.-]+)\s*=\s*(.+)$/.exec(part);
    const fields = m?.[2].trim().split(/\s+/).length ?? 0;
    if (!m || (m[2].trim() !== 'off' && (fields < 5 || fields > 6))) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not job=<5-field cron> or job=off` });
      return z.NEVER;
    }
    out[m[1]] = m[2].trim();
  }
  return out;
});

/** The environment variables of the worker and scheduler roles (docs/jobs.md). */
export const ZJobsEnv = z.object({
  VIGIL_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  VIGIL_WORKER_CONCURRENCY_BY_QUEUE: ZPerQueueNumbers('concurrency', 1, 1000).optional(),
  VIGIL_WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  VIGIL_WORKER_SHUTDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  VIGIL_JOB_TIMEOUTS: ZPerQueueNumbers('seconds', 1, 86_400).optional(),
  VIGIL_SCHEDULES: ZSchedules.optional(),
  VIGIL_SCHEDULER_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  VIGIL_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  VIGIL_RETENTION_AUDIT_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  VIGIL_RETENTION_EVENTS_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  VIGIL_ARTIFACT_GRACE_DAYS: z.coerce.number().min(0).max(3650).default(7),
  VIGIL_MAX_DUPLICATES: z.coerce.number().int().min(0).max(1_000_000).default(0),
  VIGIL_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export interface JobsConfig {
  concurrency: number;
  concurrencyByQueue: Record<string, number>;
  pollingIntervalMs: number;
  shutdownTimeoutMs: number;
  /** Per-queue overrides of a definition's timeout (a running job older than this is retried). */
  timeouts: Record<string, number>;
  /** Per-job cron overrides; `off` disables. */
  schedules: Record<string, string>;
  schedulerCheckSeconds: number;
  maintenanceIntervalSeconds: number;
  auditRetentionDays: number;
  eventRetentionDays: number;
  artifactGraceDays: number;
  /** Duplicates kept per original finding (0 = keep all). */
  maxDuplicates: number;
  /** `vigil worker` serves its job metrics on this port at /metrics (0 = off). */
  metricsPort: number;
}

export function jobsConfigFrom(e: z.infer<typeof ZJobsEnv>): JobsConfig {
  return {
    concurrency: e.VIGIL_WORKER_CONCURRENCY,
    concurrencyByQueue: e.VIGIL_WORKER_CONCURRENCY_BY_QUEUE ?? {},
    pollingIntervalMs: e.VIGIL_WORKER_POLL_MS,
    shutdownTimeoutMs: Math.round(e.VIGIL_WORKER_SHUTDOWN_SECONDS * 1000),
    timeouts: e.VIGIL_JOB_TIMEOUTS ?? {},
    schedules: e.VIGIL_SCHEDULES ?? {},
    schedulerCheckSeconds: e.VIGIL_SCHEDULER_CHECK_SECONDS,
    maintenanceIntervalSeconds: e.VIGIL_QUEUE_MAINTENANCE_SECONDS,
    auditRetentionDays: e.VIGIL_RETENTION_AUDIT_DAYS,
    eventRetentionDays: e.VIGIL_RETENTION_EVENTS_DAYS,
    artifactGraceDays: e.VIGIL_ARTIFACT_GRACE_DAYS,
    maxDuplicates: e.VIGIL_MAX_DUPLICATES,
    metricsPort: e.VIGIL_WORKER_METRICS_PORT,
  };
}

export const DEFAULT_JOBS_CONFIG: JobsConfig = jobsConfigFrom(ZJobsEnv.parse({}));
