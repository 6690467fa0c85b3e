import { sql, type Kysely } from 'kysely';

/**
 * Feed-only accounts (issue 13 items 1, 2, 16): accounts the MiniTwit simulator API registers live
 * in the feed only. They never sign in to the workspace and hold no role until an administrator
 * promotes them.
 *
 * - users.feed_only; a feed-only account is never an administrator (CHECK).
 * - feed_posts.feed_only: "the author was a feed-only account", copied from the author when the
 *   post is written and cleared by a promotion. The MiniTwit public timeline and the anonymous
 *   /feed/public page list only these posts; the partial index walks them newest first, so a
 *   page costs n index entries even when the table holds nothing but workspace posts (a filter
 *   through a join on users would scan every workspace post to find none).
 * - feed_feed_only_public_page: the public page over that index (same shape as feed_public_page).
 *
 * Existing accounts (docs/feed.md, "Feed-only accounts"): marked feed-only only when every sign of
 * a MiniTwit registration holds: the audit log records the user's creation by the system actor
 * (actor_id NULL: the MiniTwit register path, first start and the CLI create users so), it is not
 * an administrator, it never signed in, and it has no product or product-type role, no team, no
 * team invitation and no API token. Such an account has done nothing in the workspace, so marking
 * it loses nothing; an administrator promotes any it should not have caught.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN feed_only boolean NOT NULL DEFAULT false;
    ALTER TABLE feed_posts ADD COLUMN feed_only boolean NOT NULL DEFAULT false;

    UPDATE users u SET feed_only = true
    WHERE NOT u.is_admin AND u.last_login_at IS NULL
      AND EXISTS (SELECT 1 FROM audit_log a
                  WHERE a.entity_type = 'user' AND a.entity_id = u.id::text AND a.action = 'create'
                    AND a.actor_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
      AND NOT EXISTS (SELECT 1 FROM team_members t WHERE t.user_id = u.id)
      AND NOT EXISTS (SELECT 1 FROM team_invitations i WHERE i.invitee_id = u.id)
      AND NOT EXISTS (SELECT 1 FROM api_tokens k WHERE k.user_id = u.id);
    UPDATE feed_posts p SET feed_only = true FROM users u WHERE u.id = p.author_id AND u.feed_only;

    ALTER TABLE users ADD CONSTRAINT users_feed_only_not_admin CHECK (NOT (feed_only AND is_admin));
    CREATE INDEX feed_posts_feed_only ON feed_posts (id DESC) WHERE feed_only;

    CREATE FUNCTION feed_feed_only_public_page(before_id bigint, n integer)
      RETURNS TABLE (id bigint, text text, created_at timestamptz, author_id integer, author_username text)
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    BEGIN
      RETURN QUERY
        SELECT p.id, p.text, p.created_at, p.author_id, u.username
        FROM feed_posts p JOIN users u ON u.id = p.author_id
        WHERE p.feed_only AND p.id < coalesce(before_id, 9223372036854775807)
        ORDER BY p.id DESC LIMIT n;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP FUNCTION feed_feed_only_public_page(bigint, integer);
    DROP INDEX feed_posts_feed_only;
    ALTER TABLE feed_posts DROP COLUMN feed_only;
    ALTER TABLE users DROP CONSTRAINT users_feed_only_not_admin;
    ALTER TABLE users DROP COLUMN feed_only;
  `.execute(db);
}
