import type { Command } from 'commander';
import { withDatabase } from './with-database.ts';

export function registerMigrateCommand(program: Command): void {
  const migrate = program
    .command('migrate')
    .description('The initializer: apply or roll back database migrations, then exit');
  migrate
    .command('up')
    .description('Apply every pending migration, one transaction each')
    .action(() =>
      withDatabase(async (db) => {
        const applied = await db.migrations.up();
        console.log(
          applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the database is up to date.',
        );
      }),
    );
  migrate
    .command('down')
    .description('Roll back the last applied migration')
    .action(() =>
      withDatabase(async (db) => {
        const done = await db.migrations.down();
        console.log(done.length ? `Rolled back: ${done.join(', ')}` : 'Nothing to roll back.');
      }),
    );
  migrate
    .command('to <name>')
    .description("Migrate up or down until <name> is the last applied migration ('none' = roll back everything)")
    .action((name: string) =>
      withDatabase(async (db) => {
        const done = await db.migrations.to(name);
        console.log(done.length ? `Done: ${done.join(', ')}` : `Already at ${name}.`);
      }),
    );
  migrate
    .command('status')
    .description('List migrations and whether each is applied')
    .action(() =>
      withDatabase(async (db) => {
        for (const m of await db.migrations.status()) {
          console.log(
            `${m.executedAt ? 'applied ' : 'pending '} ` +
              `${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`,
          );
        }
      }),
    );
}
