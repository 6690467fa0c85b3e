import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = new URL('../../deploy/local/cluster.sh', import.meta.url).pathname;

export interface LocalCluster {
  dbName: string;
  dir: string;
  base: number;
  serverUrl(i: number): string;
  nginxUrl: string;
  pgPort: { primary: number; standby: number };
  adminPassword(): string;
  pidOf(name: string): number;
  /** The last lines of a process's log under the cluster's logs/ (for a failing test's message). */
  logTail(name: string, lines?: number): string;
  sh(command: string, env?: Record<string, string>): Promise<string>;
}

/** deploy/local/cluster.sh in its own directory and port range (several test files may run at once). */
export function localCluster(settings: Record<string, string>): LocalCluster {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cluster-'));
  const base = 30000 + Math.floor(Math.random() * 300) * 100;
  // Its own database name too: the real-time Redis stream is named after the database, so clusters of
  // test files running at the same time never share one.
  const dbName = `vigil_${base}`;
  const env = {
    ...process.env,
    VIGIL_CLUSTER_DIR: dir,
    VIGIL_CLUSTER_PORT_BASE: String(base),
    VIGIL_CLUSTER_DB: dbName,
    ...settings,
  };
  return {
    dir,
    base,
    dbName,
    serverUrl: (i) => `http://127.0.0.1:${base + 80 + i}`,
    nginxUrl: `https://127.0.0.1:${base + 443}`,
    pgPort: { primary: base + 32, standby: base + 33 },
    adminPassword: () => readFileSync(join(dir, 'admin.password'), 'utf8').trim(),
    pidOf: (name) => Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8')),
    logTail: (name, lines = 40) => {
      try {
        return readFileSync(join(dir, 'logs', `${name}.log`), 'utf8')
          .split('\n')
          .slice(-lines)
          .join('\n');
      } catch (err) {
        return `(no log: ${(err as Error).message})`;
      }
    },
    async sh(command, extra = {}) {
      const r = await run('bash', [SCRIPT, command], {
        env: { ...env, ...extra },
        timeout: 180_000,
        maxBuffer: 1 << 20,
      });
      return r.stdout;
    },
  };
}

export interface Session {
  headers: Record<string, string>;
}

/** Logs in as the cluster's admin; the session cookie and CSRF token authorize writes. */
export async function login(baseUrl: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie: cookies.join('; '), 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}
