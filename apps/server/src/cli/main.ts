import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.ts';
import { VERSION } from '../runtime/version.ts';
import { registerServeCommands } from './serve.command.ts';
import { registerMigrateCommand } from './migrate.command.ts';
import { registerUserCommands } from './user.command.ts';
import { registerOpenApiCommand } from './openapi.command.ts';
import { registerWorkerCommands } from './worker.command.ts';
import { registerImportCommands } from './import.command.ts';
import { registerBackupCommands } from './backup.command.ts';
import { registerDedupCommands } from './dedup.command.ts';
import { registerVulndbCommands } from './vulndb.command.ts';
import { registerSbomCommands } from './sbom.command.ts';

/** `vigil <command>`: the one entry point of every role. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('vigil')
    .version(VERSION)
    .description('Vigil vulnerability management')
    .showHelpAfterError();
  registerServeCommands(program);
  registerWorkerCommands(program);
  registerMigrateCommand(program);
  registerUserCommands(program);
  registerOpenApiCommand(program);
  registerImportCommands(program);
  registerBackupCommands(program);
  registerDedupCommands(program);
  registerVulndbCommands(program);
  registerSbomCommands(program);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`vigil: ${(err as Error).message}`);
    process.exit(1);
  }
}
