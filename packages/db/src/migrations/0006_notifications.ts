import { sql, type Kysely } from 'kysely';

/**
 * Notifications: delivery channels (credentials encrypted by the application), subscriptions
 * (per user, per team, system defaults), notifications made from domain events, in-app alerts and
 * the delivery outbox. A delivery row is created in the dispatcher's transaction with a unique
 * idempotency key, so a re-run of the dispatcher never makes a second one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE notification_channels (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('slack', 'msteams', 'mattermost', 'telegram', 'webhook', 'syslog')),
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      secret_ciphertext text,
      secret_hint text NOT NULL DEFAULT '',
      enabled boolean NOT NULL DEFAULT true,
      max_failures integer NOT NULL DEFAULT 5 CHECK (max_failures BETWEEN 1 AND 1000),
      consecutive_failures integer NOT NULL DEFAULT 0,
      disabled_reason text,
      last_error text,
      last_failure_at timestamptz,
      last_success_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE notification_subscriptions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer REFERENCES users(id) ON DELETE CASCADE,
      team_id integer REFERENCES teams(id) ON DELETE CASCADE,
      product_id integer REFERENCES products(id) ON DELETE CASCADE,
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('alert', 'email', 'target')),
      channel_id integer REFERENCES notification_channels(id) ON DELETE CASCADE,
      enabled boolean NOT NULL DEFAULT true,
      min_severity text CHECK (min_severity IN ('Critical', 'High', 'Medium', 'Low', 'Info')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notification_subscriptions_owner CHECK (user_id IS NULL OR team_id IS NULL),
      CONSTRAINT notification_subscriptions_target CHECK ((channel = 'target') = (channel_id IS NOT NULL)),
      CONSTRAINT notification_subscriptions_target_default CHECK (channel <> 'target' OR (user_id IS NULL
        AND team_id IS NULL))
    );
    CREATE UNIQUE INDEX notification_subscriptions_unique ON notification_subscriptions
      (coalesce(user_id, 0), coalesce(team_id, 0), coalesce(product_id, 0), event_type, channel, coalesce(channel_id,
        0));
    CREATE INDEX notification_subscriptions_event ON notification_subscriptions (event_type);

    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id bigint NOT NULL,
      type text NOT NULL,
      product_id integer REFERENCES products(id) ON DELETE CASCADE,
      severity text,
      title text NOT NULL,
      body text NOT NULL,
      url text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notifications_event_type UNIQUE (event_id, type)
    );
    CREATE INDEX notifications_created_at ON notifications (created_at);

    CREATE TABLE notification_alerts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notification_alerts_once UNIQUE (notification_id, user_id)
    );
    CREATE INDEX notification_alerts_user ON notification_alerts (user_id, id DESC);
    CREATE INDEX notification_alerts_unread ON notification_alerts (user_id) WHERE read_at IS NULL;

    CREATE TABLE notification_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email', 'target')),
      channel_id integer REFERENCES notification_channels(id) ON DELETE CASCADE,
      user_id integer REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
      WHERE status IN ('pending', 'sending');
    CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, id DESC);

    -- Start the dispatcher at the end of the log: events from before notifications existed are
    -- history, and announcing them all on upgrade would flood every channel.
    INSERT INTO event_consumers (name, tx_id, event_id)
    SELECT 'notifications', tx_id, id FROM domain_events ORDER BY tx_id DESC, id DESC LIMIT 1
    ON CONFLICT (name) DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM event_consumers WHERE name = 'notifications';
    DROP TABLE notification_deliveries;
    DROP TABLE notification_alerts;
    DROP TABLE notifications;
    DROP TABLE notification_subscriptions;
    DROP TABLE notification_channels;
  `.execute(db);
}
