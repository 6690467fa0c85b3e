import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** pg_dump / pg_restore / psql of the newest PostgreSQL installed (Debian keeps them per version), else PATH. */
export function pgTool(name: PgTool): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(root, v, 'bin', name);
      if (existsSync(bin)) return bin;
    }
  }
  return name;
}

/** Runs a PostgreSQL client tool; rejects with its stderr (never its arguments, which hold the URL). */
export function runPgTool(name: PgTool, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgTool(name), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * Loads a custom-format dump in ONE transaction: `prelude` (e.g. DROP SCHEMA … CASCADE) then the
 * dump's SQL, piped from pg_restore into psql --single-transaction. A failure anywhere rolls back
 * everything, so the database is either the backup or unchanged. (pg_restore --clean alone cannot
 * drop pg-boss's partitioned tables.)
 */
export function loadDump(url: string, dumpFile: string, prelude: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn(
      pgTool('psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-', `--dbname=${url}`],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    const restore = spawn(pgTool('pg_restore'), ['--no-owner', '-f', '-', dumpFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const collect = (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    };
    psql.stderr.on('data', collect);
    restore.stderr.on('data', collect);
    psql.stdin.on('error', () => {}); // psql stopped early (ON_ERROR_STOP): its exit code reports it
    psql.stdin.write(prelude);
    restore.stdout.pipe(psql.stdin);
    let restoreCode: number | null = null;
    restore.on('error', (err) => reject(new Error(`pg_restore could not start: ${err.message}`)));
    psql.on('error', (err) => reject(new Error(`psql could not start: ${err.message}`)));
    restore.on('close', (code) => {
      restoreCode = code;
    });
    psql.on('close', (code) => {
      if (code === 0 && restoreCode === 0) resolve();
      else reject(new Error(`restore failed (pg_restore ${restoreCode}, psql ${code}): ${stderr.trim()}`));
    });
  });
}
