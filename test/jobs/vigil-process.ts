import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor as pollUntil } from '../support/wait.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'vigil.mjs');

export interface VigilProcess {
  child: ChildProcess;
  /** Everything the process wrote (for failure messages). */
  output(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** Spawns `node bin/vigil.mjs <role>` with the given environment (merged over a quiet default). */
export function spawnVigil(role: string, env: Record<string, string>): VigilProcess {
  const child = spawn(process.execPath, [BIN, role], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => out.slice(-4000), exited };
}

/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  return pollUntil(check, { what, timeoutMs, everyMs });
}
