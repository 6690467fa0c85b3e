import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { jobMetricsRegistry } from './job-metrics.ts';

/** A standalone worker's /metrics (job durations, failures, process metrics) for Prometheus. */
export async function startMetricsListener(port: number, host = '0.0.0.0'): Promise<Server> {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry, prefix: 'vigil_worker_' });
  const registry = Registry.merge([processRegistry, jobMetricsRegistry]);
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}
