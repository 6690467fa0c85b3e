import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

export const BIN = new URL('../bin/vigil.mjs', import.meta.url).pathname;

export async function waitReady(url: string, timeoutMs = 120_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return performance.now() - t0;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function startVigil(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export function rssMb(pid: number): Promise<number> {
  return import('node:fs').then(({ readFileSync }) => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  });
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  url: string,
  headers: Record<string, string>,
  connections = 32,
  duration = 10,
): Promise<Load> {
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function table(rows: Array<Record<string, string | number>>): void {
  console.table(rows);
}
