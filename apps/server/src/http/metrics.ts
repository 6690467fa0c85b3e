import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Repositories } from '@vigil/db';
import { queueStatuses } from '@vigil/core';
import { jobMetricsRegistry } from '@vigil/jobs';

/** What /metrics serves: operational metrics to anyone, business metrics to the scrape credential. */
export interface MetricsEndpoint {
  /** Process, HTTP, read-cache and job-handler metrics of this process: served to anyone. */
  operational: Registry;
  contentType: string;
  /** The text for a scrape with this Authorization header. */
  scrape(authorization: string | undefined): Promise<string>;
}

/**
 * Prometheus metrics: HTTP traffic and process metrics (open), and business gauges read from the
 * database on scrape (users, products, open findings, job queues). The business gauges are served
 * only to a scrape that sends `Authorization: Bearer <metricsToken>`; without a token configured
 * they are never served.
 */
export function registerMetrics(
  app: FastifyInstance,
  repos: Pick<Repositories, 'metrics' | 'jobs'>,
  metricsToken?: string,
): MetricsEndpoint {
  const registry = new Registry();
  const business = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  const requests = new Counter({
    name: 'vigil_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vigil_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'vigil_users',
    help: 'Registered users',
    registers: [business],
    async collect() {
      this.set((await repos.metrics.counts()).users);
    },
  });
  const cache: { at: number; value?: Awaited<ReturnType<Repositories['metrics']['counts']>> } = { at: 0 };
  const counts = async () => {
    // One aggregate query per scrape, shared by the gauges below.
    if (!cache.value || Date.now() - cache.at > 1000) cache.value = await repos.metrics.counts();
    cache.at = Date.now();
    return cache.value;
  };
  new Gauge({
    name: 'vigil_products',
    help: 'Products',
    registers: [business],
    async collect() {
      this.set((await counts()).products);
    },
  });
  new Gauge({
    name: 'vigil_open_findings',
    help: 'Active, non-duplicate findings by severity',
    labelNames: ['severity'],
    registers: [business],
    async collect() {
      for (const [severity, n] of Object.entries((await counts()).openFindings)) this.set({ severity }, n);
    },
  });

  new Gauge({
    name: 'vigil_job_queue_depth',
    help: 'Jobs per queue and state (pg-boss; failed = dead letters)',
    labelNames: ['queue', 'state'],
    registers: [business],
    async collect() {
      this.reset();
      for (const q of await queueStatuses(repos.jobs))
        for (const [state, n] of Object.entries(q.counts)) this.set({ queue: q.queue, state }, n);
    },
  });

  // One labelled child per method, route and status, found by a string key: prom-client would
  // otherwise hash the label object on every request.
  const children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let child = children.get(key);
    if (!child) {
      const labels = { method: req.method, route, status: String(reply.statusCode) };
      child = { count: requests.labels(labels), time: latency.labels(labels) };
      children.set(key, child);
    }
    child.count.inc();
    child.time.observe(reply.elapsedTime / 1000);
    done();
  });
  // Job durations and failures of the workers running in this process (`vigil start`).
  const operational = Registry.merge([registry, jobMetricsRegistry]);
  const authorized = scrapeCredentialCheck(metricsToken);
  return {
    operational,
    contentType: operational.contentType,
    async scrape(authorization) {
      if (!authorized(authorization)) return operational.metrics();
      const [open, gauges] = await Promise.all([operational.metrics(), business.metrics()]);
      return `${open}\n${gauges}`;
    },
  };
}

/** True for `Bearer <token>` (timing-safe: both sides hashed to equal length first); always false without a token. */
function scrapeCredentialCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  if (!token) return () => false;
  const expected = createHash('sha256').update(token).digest();
  return (authorization) => {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!match) return false;
    return timingSafeEqual(createHash('sha256').update(match[1]!).digest(), expected);
  };
}
