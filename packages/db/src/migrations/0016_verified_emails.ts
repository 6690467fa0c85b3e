import { sql, type Kysely } from 'kysely';

/** Marks the audit rows this migration writes; down reads them back. */
export const EMAIL_DEDUP_MARK = 'migration:0016_verified_emails';

/**
 * Unique, verified email addresses, and team invitations addressed to an email (issue 13 item 7).
 *
 * - users.email_verified_at: set when the owner of the address opened a verification link (or an
 *   administrator marked it verified); cleared whenever the address changes.
 * - Workspace accounts' addresses are unique case-insensitively (unique index on lower(email),
 *   partial: empty ones and feed-only accounts (0015) excepted — a feed-only account's address
 *   never collides with a workspace account's, as MiniTwit itself does not require unique
 *   addresses; promoting one whose address a workspace account holds is refused, 409 on email).
 *   Existing duplicates among workspace accounts never make this migration fail: in each group of
 *   addresses equal but for case, the address stays with one account — an active one, then the
 *   oldest (lowest id, the one that used to receive invitations) — and is cleared ('') on the
 *   others. No account is removed; feed-only accounts keep theirs.
 *   Each cleared address is recorded in audit_log (action 'update', entity user, before = the old
 *   address, after = '' with the reason and the id that kept it, request_id = EMAIL_DEDUP_MARK).
 * - email_verification_tokens: the SHA-256 digest of each link's secret (never the secret), the
 *   address it verifies, expiry and use (a link works once).
 * - team_invitations may name an address instead of a user (invitee_id NULL, invitee_email set):
 *   it waits, for no one, until a user verifies that address.
 *
 * Down restores the previous schema: address-only invitations (which it cannot express) are
 * deleted, and the addresses this up cleared are put back on accounts that have none since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`.execute(db);
  await sql`
    WITH ranked AS (
      SELECT id, email,
             row_number() OVER w AS rank,
             first_value(id) OVER w AS kept_by
      FROM users
      WHERE email <> '' AND NOT feed_only
      WINDOW w AS (PARTITION BY lower(email) ORDER BY is_active DESC, id)
    ), cleared AS (
      UPDATE users u SET email = '', updated_at = now()
      FROM ranked r
      WHERE u.id = r.id AND r.rank > 1
      RETURNING u.id, r.email, r.kept_by
    )
    INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, request_id)
    SELECT NULL, 'update', 'user', id::text, jsonb_build_object('email', email),
           jsonb_build_object('email', '', 'reason', 'duplicate email address (case-insensitive); kept by user ' ||
             kept_by, 'keptBy', kept_by),
           ${EMAIL_DEDUP_MARK}
    FROM cleared`.execute(db);
  await sql`
    CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email)) WHERE email <> '' AND NOT feed_only;

    CREATE TABLE email_verification_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX email_verification_tokens_user ON email_verification_tokens (user_id, created_at);

    ALTER TABLE team_invitations ALTER COLUMN invitee_id DROP NOT NULL;
    ALTER TABLE team_invitations ADD COLUMN invitee_email text;
    ALTER TABLE team_invitations ADD CONSTRAINT team_invitations_addressed CHECK (invitee_id IS NOT NULL
      OR invitee_email IS NOT NULL);
    CREATE UNIQUE INDEX team_invitations_one_pending_email ON team_invitations (team_id, lower(invitee_email))
      WHERE status = 'pending' AND invitee_id IS NULL;
    CREATE INDEX team_invitations_waiting_email ON team_invitations (lower(invitee_email)) WHERE status = 'pending'
      AND invitee_id IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX team_invitations_waiting_email;
    DROP INDEX team_invitations_one_pending_email;
    DELETE FROM team_invitations WHERE invitee_id IS NULL;
    ALTER TABLE team_invitations DROP CONSTRAINT team_invitations_addressed;
    ALTER TABLE team_invitations DROP COLUMN invitee_email;
    ALTER TABLE team_invitations ALTER COLUMN invitee_id SET NOT NULL;
    DROP TABLE email_verification_tokens;
    DROP INDEX users_email_lower_unique;
  `.execute(db);
  await sql`
    UPDATE users u SET email = a.before->>'email'
    FROM audit_log a
    WHERE a.request_id = ${EMAIL_DEDUP_MARK} AND a.entity_type = 'user' AND a.entity_id = u.id::text
      AND u.email = ''`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN email_verified_at`.execute(db);
}
