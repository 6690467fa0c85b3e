/**
 * The load generator of bench/feed.bench.ts, in a child process so it does not share the event
 * loop with the server it measures (autocannon misbehaves inside worker threads).
 * Receives the job as JSON in argv[2] and sends back the figures over IPC.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  mode: 'get' | 'rotate' | 'mixed';
  path: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  /** For 'rotate': one Authorization header per request, cycled. */
  authorizations?: string[];
  /** For 'mixed': existing user names and the simulator's Authorization header. */
  users?: number;
  simulatorAuth?: string;
  runId?: string;
  /** For 'mixed': percentages of register, tweet, follow, unfollow (sum 100); default 1/59/30/10. */
  mix?: [number, number, number, number];
}

export interface LoadFigures {
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** CPU used by this load generator, microseconds per request. */
  loadgenUsPerRequest: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;

function mixedRequests(job: LoadJob) {
  // Simulator-like mix (default 1% register, 59% tweet, 30% follow, 10% unfollow), each with a `latest` id.
  const [register, tweet, follow] = job.mix ?? [1, 59, 30, 10];
  let seq = 0;
  const users = job.users ?? 10_000;
  const name = (n: number) => `user${1 + ((Math.imul(n, 2654435761) >>> 0) % users)}`;
  const headers = { authorization: job.simulatorAuth ?? '', 'content-type': 'application/json' };
  return [
    {
      method: 'POST',
      setupRequest: (req: Record<string, unknown>) => {
        const n = ++seq;
        const roll = n % 100;
        const latest = `latest=${n}`;
        if (roll < register) {
          return {
            ...req,
            method: 'POST',
            headers,
            path: `${job.path}/register?${latest}`,
            body: JSON.stringify({ username: `bench ${job.runId} ${n}`, email: `b${n}@bench`, pwd: 'p' }),
          };
        }
        const who = name(n);
        if (roll < register + tweet)
          return {
            ...req,
            method: 'POST',
            headers,
            path: `${job.path}/msgs/${who}?${latest}`,
            body: JSON.stringify({ content: `load message ${n}` }),
          };
        const whom = name(n + 7);
        const body = roll < register + tweet + follow ? { follow: whom } : { unfollow: whom };
        if (whom === who)
          return {
            ...req,
            method: 'POST',
            headers,
            path: `${job.path}/msgs/${who}?${latest}`,
            body: JSON.stringify({ content: `load message ${n}` }),
          };
        return {
          ...req,
          method: 'POST',
          headers,
          path: `${job.path}/fllws/${who}?${latest}`,
          body: JSON.stringify(body),
        };
      },
    },
  ];
}

const requests =
  job.mode === 'rotate'
    ? (job.authorizations ?? []).map((authorization) => ({ method: 'GET', path: job.path, headers: { authorization } }))
    : job.mode === 'mixed'
      ? mixedRequests(job)
      : [{ method: 'GET', path: job.path, headers: job.headers ?? {} }];

const cpu0 = process.cpuUsage();
const r = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.duration,
  requests: requests as never,
});
const cpu = process.cpuUsage(cpu0);
const figures: LoadFigures = {
  rps: r.requests.average,
  // autocannon's latency histogram has 1 ms resolution; the mean follows from Little's law instead.
  mean: Math.round((job.connections / Math.max(r.requests.average, 1e-9)) * 100_000) / 100,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  total: (r as unknown as { requests: { total: number } }).requests.total,
  loadgenUsPerRequest: 0,
};
figures.loadgenUsPerRequest = Math.round((cpu.user + cpu.system) / Math.max(1, figures.total));
process.send?.(figures, () => process.exit(0));
