import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { SYSTEM_ACTOR, UserService, ApiTokenService } from '@vigil/core';
import { withDatabase } from './with-database.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage users');
  user
    .command('create <username>')
    .description('Create a user; prints a generated password unless --password is given')
    .option('--password <password>', 'the password (8 to 256 characters, strong enough: zxcvbn score 3 of 4)')
    .option('--email <email>', 'e-mail address', '')
    .option('--admin', 'make the user a global administrator', false)
    .action((username: string, o: { password?: string; email: string; admin: boolean }) =>
      withDatabase(async (db) => {
        const password = o.password ?? randomBytes(12).toString('base64url');
        const created = await new UserService(db.uow).insert(
          { actor: SYSTEM_ACTOR },
          { username, password, email: o.email, isAdmin: o.admin },
        );
        console.log(`Created user ${created.username} (id ${created.id})${o.admin ? ' as administrator' : ''}.`);
        if (!o.password) console.log(`Password (shown once): ${password}`);
      }),
    );
  user
    .command('reset-password <username>')
    .description('Set a new password (generated unless --password is given) and end the user’s sessions')
    .option('--password <password>', 'the new password (8 to 256 characters, strong enough: zxcvbn score 3 of 4)')
    .action((username: string, o: { password?: string }) =>
      withDatabase(async (db) => {
        const found = await db.uow.repos.users.findByUsername(username);
        if (!found) throw new Error(`No user named "${username}"`);
        const password = o.password ?? randomBytes(12).toString('base64url');
        await new UserService(db.uow).update({ actor: SYSTEM_ACTOR }, found.id, { password });
        console.log(
          `Password of ${found.username} reset.${o.password ? '' : ` New password (shown once): ${password}`}`,
        );
      }),
    );

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user and print it once')
    .requiredOption('--user <username>', 'whose token it is')
    .option('--name <label>', 'a label for the token', 'cli')
    .option('--expires <days>', 'expire after this many days')
    .action((o: { user: string; name: string; expires?: string }) =>
      withDatabase(async (db) => {
        const found = await db.uow.repos.users.findByUsername(o.user);
        if (!found) throw new Error(`No user named "${o.user}"`);
        const days = o.expires === undefined ? undefined : Number(o.expires);
        if (days !== undefined && !Number.isInteger(days)) throw new Error('--expires must be a whole number of days');
        const { key, token: t } = await new ApiTokenService(db.uow).create(
          { actor: SYSTEM_ACTOR },
          found.id,
          o.name,
          days,
        );
        console.log(key);
        console.error(
          `Token "${t.name}" for ${found.username}${t.expires_at ? `, expires ${t.expires_at.toISOString()}` : ''}. ` +
            `It is shown only now.`,
        );
      }),
    );
}
