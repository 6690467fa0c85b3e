import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, EmailVerificationTokensTable, UserRow } from './schema.ts';

export type EmailVerificationTokenRow = Selectable<EmailVerificationTokensTable>;

/** Verification links (only digests are stored) and the verified mark on users. */
export class EmailVerificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A new link for the user's address; the user's earlier unused links stop working. */
  async issue(row: { userId: number; email: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db
      .deleteFrom('email_verification_tokens')
      .where('user_id', '=', row.userId)
      .where('used_at', 'is', null)
      .execute();
    await this.db
      .insertInto('email_verification_tokens')
      .values({ user_id: row.userId, email: row.email, token_hash: row.tokenHash, expires_at: row.expiresAt })
      .execute();
  }

  /** The unused links of a user stop working (the address changed). */
  async discardUnused(userId: number): Promise<void> {
    await this.db
      .deleteFrom('email_verification_tokens')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  /** When the user's latest link was issued (resend throttling). */
  async lastIssuedAt(userId: number): Promise<Date | undefined> {
    const r = await this.db
      .selectFrom('email_verification_tokens')
      .select('created_at')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.created_at;
  }

  /** The link with this digest, locked for the enclosing transaction (two clicks at once use it once). */
  findForUpdate(tokenHash: string): Promise<EmailVerificationTokenRow | undefined> {
    return this.db
      .selectFrom('email_verification_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
  }

  async markUsed(id: number, at: Date): Promise<void> {
    await this.db.updateTable('email_verification_tokens').set({ used_at: at }).where('id', '=', id).execute();
  }

  /** Marks the user's address verified, only while it is still `email` (case-insensitively). */
  markVerified(userId: number, email: string, at: Date): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ email_verified_at: at, updated_at: sql<Date>`now()` })
      .where('id', '=', userId)
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .where('email', '<>', '')
      .returningAll()
      .executeTakeFirst();
  }
}
