import { Counter, Histogram, Registry } from 'prom-client';
import type { JobObserver } from './worker.ts';

/** Job durations and failures of the workers in this process (served by /metrics). */
export const jobMetricsRegistry = new Registry();

const durations = new Histogram({
  name: 'vigil_job_duration_seconds',
  help: 'Time a job handler ran, by queue and outcome',
  labelNames: ['queue', 'outcome'],
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [jobMetricsRegistry],
});
const failures = new Counter({
  name: 'vigil_job_failures_total',
  help: 'Failed job runs by queue; final = no retry left (dead letter)',
  labelNames: ['queue', 'final'],
  registers: [jobMetricsRegistry],
});

/** An observer that records metrics and hands log lines to `log`. */
export function metricsObserver(log: {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}): JobObserver {
  return {
    succeeded(queue, seconds) {
      durations.observe({ queue, outcome: 'completed' }, seconds);
    },
    failed(queue, seconds, err, job) {
      const final = job.retryCount >= job.retryLimit;
      durations.observe({ queue, outcome: 'failed' }, seconds);
      failures.inc({ queue, final: String(final) });
      (final ? log.error : log.warn).call(
        log,
        { queue, jobId: job.id, retryCount: job.retryCount, err },
        final ? 'job failed its last retry (dead letter)' : 'job failed; will retry',
      );
    },
    error(err) {
      log.error({ err }, 'queue error');
    },
  };
}
