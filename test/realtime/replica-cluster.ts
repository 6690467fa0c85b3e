import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/vigil.mjs', import.meta.url).pathname;

export interface Replica {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
}

/** `vigil migrate up` against the database, as an operator would before starting servers. */
export function migrateUp(databaseUrl: string): void {
  const r = spawnSync(process.execPath, [BIN, 'migrate', 'up'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, VIGIL_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`vigil migrate up failed: ${r.stderr}`);
}

async function waitReady(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a real `vigil server` process on a free-ish port against the database. */
export async function startReplica(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Replica> {
  const port = 20000 + Math.floor(Math.random() * 30000);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    VIGIL_PORT: String(port),
    VIGIL_HOST: '127.0.0.1',
    VIGIL_LOG_LEVEL: 'warn',
    VIGIL_DB_POOL_SIZE: '10',
    VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-rt-')),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [BIN, 'server'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${out}`);
  }
  return { url, port, child, output: () => out };
}

export async function stopReplica(r: Replica | undefined): Promise<void> {
  if (!r || r.child.exitCode !== null || r.child.signalCode) return;
  r.child.kill('SIGKILL');
  await new Promise((res) => r.child.once('exit', res));
}
