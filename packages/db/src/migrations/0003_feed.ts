import { sql, type Kysely } from 'kysely';

/**
 * The feed (MiniTwit): posts, user and product follows, and the simulator's `latest` counter.
 * Timelines are keyset-paginated on id desc: the primary key serves the public timeline and
 * (author_id, id desc) the per-user and personal ones.
 *
 * MiniTwit's simulator registers names with spaces ("Roger Histand"), so the username rule is
 * widened to allow inner spaces; down restores the old rule NOT VALID, so a rollback never fails
 * on users registered meanwhile.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE users DROP CONSTRAINT users_username_format;
    ALTER TABLE users ADD CONSTRAINT users_username_format
      CHECK (username ~ '^[A-Za-z0-9_.@+-]([A-Za-z0-9_.@+ -]{0,148}[A-Za-z0-9_.@+-])?$');

    CREATE TABLE feed_posts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      author_id integer REFERENCES users(id) ON DELETE CASCADE,
      product_id integer REFERENCES products(id) ON DELETE CASCADE,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT feed_posts_text_length CHECK (char_length(text) BETWEEN 1 AND 1000),
      -- A person's post, or an automatic post about a product (import pipeline).
      CONSTRAINT feed_posts_source CHECK ((author_id IS NULL) <> (product_id IS NULL))
    );
    CREATE INDEX feed_posts_author_id ON feed_posts (author_id, id DESC) WHERE author_id IS NOT NULL;
    CREATE INDEX feed_posts_product_id ON feed_posts (product_id, id DESC) WHERE product_id IS NOT NULL;

    CREATE TABLE follows (
      follower_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      followee_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (follower_id, followee_id),
      CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
    );
    CREATE INDEX follows_followee ON follows (followee_id);

    CREATE TABLE product_follows (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      product_id integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, product_id)
    );
    CREATE INDEX product_follows_product ON product_follows (product_id);

    CREATE TABLE minitwit_state (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      latest bigint NOT NULL DEFAULT -1
    );
    INSERT INTO minitwit_state DEFAULT VALUES;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE minitwit_state;
    DROP TABLE product_follows;
    DROP TABLE follows;
    DROP TABLE feed_posts;
    ALTER TABLE users DROP CONSTRAINT users_username_format;
    ALTER TABLE users ADD CONSTRAINT users_username_format CHECK (username ~ '^[A-Za-z0-9_.@+-]{1,150}$') NOT VALID;
  `.execute(db);
}
