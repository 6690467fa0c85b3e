import { Counter, Gauge } from 'prom-client';
import type { SyncCounts } from '@vigil/db';
import { jobMetricsRegistry } from '../job-metrics.ts';

const records = new Counter({
  name: 'vigil_vulndb_records_total',
  help: 'Advisory records a vulnerability database sync processed, by source and outcome',
  labelNames: ['source', 'outcome'],
  registers: [jobMetricsRegistry],
});
const runs = new Counter({
  name: 'vigil_vulndb_sync_runs_total',
  help: 'Vulnerability database sync runs finished, by source and status',
  labelNames: ['source', 'status'],
  registers: [jobMetricsRegistry],
});
const lastSuccess = new Gauge({
  name: 'vigil_vulndb_last_success_timestamp_seconds',
  help: 'When a sync of the source last succeeded (Unix time)',
  labelNames: ['source'],
  registers: [jobMetricsRegistry],
});

const OUTCOMES = ['inserted', 'updated', 'unchanged', 'invalid'] as const;

/**
 * The metrics of one sync run, fed with the run's totals after each committed batch: the counters
 * advance by what changed since the previous totals, so a scrape during a long sync sees progress.
 */
export function syncRunMetrics(source: string) {
  let seen: Pick<SyncCounts, (typeof OUTCOMES)[number]> = { inserted: 0, updated: 0, unchanged: 0, invalid: 0 };
  return {
    progress(totals: SyncCounts): void {
      for (const outcome of OUTCOMES) {
        const delta = totals[outcome] - seen[outcome];
        if (delta > 0) records.inc({ source, outcome }, delta);
      }
      seen = {
        inserted: totals.inserted,
        updated: totals.updated,
        unchanged: totals.unchanged,
        invalid: totals.invalid,
      };
    },
    finished(status: 'succeeded' | 'failed', at = new Date()): void {
      runs.inc({ source, status });
      if (status === 'succeeded') lastSuccess.set({ source }, at.getTime() / 1000);
    },
  };
}
