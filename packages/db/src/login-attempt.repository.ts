import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Failed-login counters in fixed windows; stored in the database so every replica sees them. */
export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Failures counted in the current window (0 when the window has passed). */
  async failures(key: string, windowSeconds: number): Promise<{ failures: number; retryAfter: number }> {
    const row = await this.db
      .selectFrom('login_attempts')
      .select(['failures', sql<number>`ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))`.as('remaining')])
      .where('key', '=', key)
      .where(sql<boolean>`window_start > now() - make_interval(secs => ${windowSeconds})`)
      .executeTakeFirst();
    return row ? { failures: row.failures, retryAfter: Math.max(1, Number(row.remaining)) } : { failures: 0, retryAfter: 0 };
  }

  /** Atomically counts one failure, starting a new window when the old one has passed. */
  async recordFailure(key: string, windowSeconds: number): Promise<void> {
    await sql`
      INSERT INTO login_attempts (key, failures, window_start) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_attempts.window_start > now() - make_interval(secs => ${windowSeconds})
                        THEN login_attempts.failures + 1 ELSE 1 END,
        window_start = CASE WHEN login_attempts.window_start > now() - make_interval(secs => ${windowSeconds})
                        THEN login_attempts.window_start ELSE now() END`.execute(this.db);
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }

  async deleteStale(windowSeconds: number): Promise<number> {
    const r = await this.db
      .deleteFrom('login_attempts')
      .where(sql<boolean>`window_start < now() - make_interval(secs => ${windowSeconds})`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
