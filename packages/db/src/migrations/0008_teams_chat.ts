import { sql, type Kysely } from 'kysely';

/**
 * Team invitations, team and finding chat, and the wake-up signal of the event log.
 *
 * - team_invitations: pending → accepted | declined | revoked | expired. A pending invitation past
 *   expires_at reads as expired (no job has to flip it) and is marked so when it is next touched.
 *   One pending invitation per (team, invitee).
 * - chat_messages: one channel per team (`team:<id>`) and one thread per finding (`finding:<id>`);
 *   `channel` is derived from the owner column so history, unread counts and search are single
 *   index range scans. Deleting a message keeps the row (tombstone, body cleared) so anchors and
 *   unread markers stay valid. `search` is a stored tsvector for full-text search.
 * - chat_reactions, chat_read_markers (last message id read per user and channel).
 * - socket_io_attachments: used by the Socket.IO PostgreSQL adapter for large packets.
 * - A statement trigger on domain_events sends NOTIFY vigil_events; PostgreSQL delivers it at
 *   commit, which wakes every server's real-time tailer right after the event becomes readable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE team_invitations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      team_id integer NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      invitee_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      invited_by integer REFERENCES users(id) ON DELETE SET NULL,
      role text NOT NULL CHECK (role IN ('member', 'maintainer', 'owner')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked',
        'expired')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      responded_at timestamptz
    );
    CREATE UNIQUE INDEX team_invitations_one_pending ON team_invitations (team_id, invitee_id) WHERE status = 'pending';
    CREATE INDEX team_invitations_invitee ON team_invitations (invitee_id, status);

    CREATE TABLE chat_messages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      team_id integer REFERENCES teams(id) ON DELETE CASCADE,
      finding_id integer REFERENCES findings(id) ON DELETE CASCADE,
      channel text NOT NULL GENERATED ALWAYS AS (
        CASE WHEN team_id IS NOT NULL THEN 'team:' || team_id ELSE 'finding:' || finding_id END) STORED,
      author_id integer REFERENCES users(id) ON DELETE SET NULL,
      body text NOT NULL,
      mentions integer[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
      CONSTRAINT chat_messages_one_owner CHECK ((team_id IS NULL) <> (finding_id IS NULL)),
      CONSTRAINT chat_messages_body_length CHECK (length(body) <= 10000)
    );
    CREATE INDEX chat_messages_channel ON chat_messages (channel, id);
    CREATE INDEX chat_messages_search ON chat_messages USING gin (search);

    CREATE TABLE chat_reactions (
      message_id bigint NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      emoji text NOT NULL CHECK (length(emoji) BETWEEN 1 AND 32),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, emoji, user_id)
    );

    CREATE TABLE chat_read_markers (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      channel text NOT NULL,
      last_read_id bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, channel)
    );

    -- The Socket.IO PostgreSQL adapter stores packets above its NOTIFY size limit here.
    CREATE TABLE socket_io_attachments (
      id bigserial UNIQUE,
      created_at timestamptz DEFAULT now(),
      payload bytea
    );

    CREATE FUNCTION vigil_notify_domain_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('vigil_events', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER domain_events_notify AFTER INSERT ON domain_events
      FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_domain_events();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER domain_events_notify ON domain_events;
    DROP FUNCTION vigil_notify_domain_events();
    DROP TABLE socket_io_attachments;
    DROP TABLE chat_read_markers;
    DROP TABLE chat_reactions;
    DROP TABLE chat_messages;
    DROP TABLE team_invitations;
  `.execute(db);
}
