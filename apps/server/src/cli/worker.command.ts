import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { createLogger } from '../runtime/logger.ts';
import { PendingMigrationsError } from '../runtime/server-role.ts';
import { startBackgroundRoles, type BackgroundRoles } from '../runtime/background-roles.ts';

/** `vigil worker` and `vigil scheduler`. */
export function registerWorkerCommands(program: Command): void {
  program
    .command('worker')
    .description('Process background jobs from the durable queue')
    .action(() => runBackground({ worker: true, scheduler: false }, 'worker'));
  program
    .command('scheduler')
    .description('Enqueue scheduled jobs (any number may run; each occurrence fires once)')
    .action(() => runBackground({ worker: false, scheduler: true }, 'scheduler'));
}

async function runBackground(roles: BackgroundRoles, name: string): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, name);
  const db = await openDatabase(config);
  const pending = await db.migrations.pending();
  if (pending.length) {
    await db.handle.close();
    throw new PendingMigrationsError(pending);
  }
  const background = await startBackgroundRoles(config, db, logger, roles);
  const stop = async () => {
    // Stop taking jobs; let running ones finish (VIGIL_WORKER_SHUTDOWN_SECONDS), hand the rest back.
    await background.stop();
    await db.handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
