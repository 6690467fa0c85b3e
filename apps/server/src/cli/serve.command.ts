import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { createLogger } from '../runtime/logger.ts';
import { startServerRole } from '../runtime/server-role.ts';
import { startBackgroundRoles } from '../runtime/background-roles.ts';

/** `vigil start` (every role, one process) and `vigil server` (HTTP only). */
export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description('Run every role (server, worker, scheduler) in one process; migrates the database first')
    .action(() => serve('all', true));
  program
    .command('server')
    .description('Run the HTTP API and web app')
    .option('--migrate', 'apply pending migrations before starting', false)
    .action((o: { migrate: boolean }) => serve('server', o.migrate));
}

async function serve(role: 'all' | 'server', migrate: boolean): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, role);
  const db = await openDatabase(config, (event) =>
    logger[event.type === 'primary' ? 'info' : 'warn']({ database: event }, 'database connection'),
  );
  let stopping = false;
  try {
    const app = await startServerRole(config, db, logger, { migrate, announce: (line) => console.log(line) });
    const background =
      role === 'all' ? await startBackgroundRoles(config, db, logger, { worker: true, scheduler: true }) : undefined;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      await app.close();
      await background?.stop();
      await db.handle.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  } catch (err) {
    await db.handle.close();
    throw err;
  }
}
