import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Failed-login counters in fixed windows; stored in the database so every replica sees them. */
export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Failures counted in the current window (0 when the window has passed). */
  async failures(key: string, windowSeconds: number): Promise<{ failures: number; retryAfter: number }> {
    const row = await this.db
      .selectFrom('login_attempts')
      .select([
        'failures',
        sql<number>`ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))`.as(
          'remaining',
        ),
      ])
      .where('key', '=', key)
      .where(sql<boolean>`window_start > now() - make_interval(secs => ${windowSeconds})`)
      .executeTakeFirst();
    return row
      ? { failures: row.failures, retryAfter: Math.max(1, Number(row.remaining)) }
      : { failures: 0, retryAfter: 0 };
  }

  /**
   * Reserves one login attempt for `key` before the password is checked, in one statement (so
   * concurrent logins cannot all see a count under the limit): the counter goes up by one, or starts
   * a new window when the old one has passed. Granted while the count stays within `limit`; a
   * refused attempt leaves the counter at `limit + 1`, which marks "full" without inflating it, so
   * `release` stays exact. A failed verification simply keeps its reservation as the failure.
   */
  async reserve(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ granted: boolean; failures: number; retryAfter: number }> {
    const { rows } = await sql<{ failures: number; remaining: string | number }>`
      INSERT INTO login_attempts AS a (key, failures, window_start) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN a.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN 1
                        WHEN a.failures >= ${limit}::int THEN ${limit}::int + 1
                        ELSE a.failures + 1 END,
        window_start = CASE WHEN a.window_start > now() - make_interval(secs => ${windowSeconds})
                            THEN a.window_start ELSE now() END
      RETURNING failures,
        ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))
          AS remaining`.execute(this.db);
    const row = rows[0]!;
    return { granted: row.failures <= limit, failures: row.failures, retryAfter: Math.max(1, Number(row.remaining)) };
  }

  /** Gives back a reservation that turned out not to be a failure (a successful login, a refusal by another key). */
  async release(key: string, limit: number, windowSeconds: number): Promise<void> {
    await sql`
      UPDATE login_attempts SET failures = greatest(least(failures, ${limit}::int) - 1, 0)
      WHERE key = ${key} AND window_start > now() - make_interval(secs => ${windowSeconds})`.execute(this.db);
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
