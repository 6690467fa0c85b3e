import { sql, type Kysely } from 'kysely';

/**
 * Jira synchronisation. An instance holds the server URL and sealed credentials (AES-256-GCM
 * under VIGIL_SECRET_KEY) and the SHA-256 digest of its inbound-webhook secret. A product (or one
 * engagement) has one Jira configuration. jira_issues is one row per Jira issue Vigil owns, keyed
 * by a deterministic subject ("finding-12", "group-7-<digest>", "epic-3"): the row is written
 * before Jira is called, so a job that runs twice finds it. jira_finding_links maps findings to
 * their issue; jira_comments pairs notes with Jira comments in both directions (loop guard).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE jira_instances (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      url text NOT NULL,
      username text NOT NULL,
      token_sealed text NOT NULL,
      webhook_secret_digest text NOT NULL UNIQUE,
      false_positive_resolutions text[] NOT NULL DEFAULT '{}',
      risk_accepted_resolutions text[] NOT NULL DEFAULT '{}',
      reconciled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE jira_configs (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      product_id integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      engagement_id integer REFERENCES engagements(id) ON DELETE CASCADE,
      instance_id integer NOT NULL REFERENCES jira_instances(id) ON DELETE RESTRICT,
      project_key text NOT NULL,
      issue_type text NOT NULL DEFAULT 'Bug',
      priority_map jsonb NOT NULL DEFAULT '{}'::jsonb,
      close_transition text NOT NULL DEFAULT 'Done',
      reopen_transition text NOT NULL DEFAULT 'To Do',
      labels text[] NOT NULL DEFAULT '{}',
      component text,
      push_min_severity text CHECK (push_min_severity IN ('Critical','High','Medium','Low','Info')),
      engagement_epic boolean NOT NULL DEFAULT false,
      push_notes boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX jira_configs_scope ON jira_configs (product_id, coalesce(engagement_id, 0));
    CREATE INDEX jira_configs_instance ON jira_configs (instance_id);

    CREATE TABLE jira_issues (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('finding','group','epic')),
      instance_id integer NOT NULL REFERENCES jira_instances(id) ON DELETE CASCADE,
      config_id integer NOT NULL REFERENCES jira_configs(id) ON DELETE CASCADE,
      product_id integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      engagement_id integer REFERENCES engagements(id) ON DELETE CASCADE,
      title text NOT NULL,
      jira_id text,
      jira_key text,
      jira_url text,
      jira_status text,
      jira_resolution text,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','synced','error')),
      last_error text,
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      last_synced_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX jira_issues_key ON jira_issues (instance_id, jira_key) WHERE jira_key IS NOT NULL;
    CREATE UNIQUE INDEX jira_issues_jira_id ON jira_issues (instance_id, jira_id) WHERE jira_id IS NOT NULL;
    CREATE INDEX jira_issues_product ON jira_issues (product_id);

    CREATE TABLE jira_finding_links (
      finding_id integer PRIMARY KEY REFERENCES findings(id) ON DELETE CASCADE,
      jira_issue_id integer NOT NULL REFERENCES jira_issues(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jira_finding_links_issue ON jira_finding_links (jira_issue_id);

    CREATE TABLE jira_comments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      jira_issue_id integer NOT NULL REFERENCES jira_issues(id) ON DELETE CASCADE,
      note_id integer UNIQUE REFERENCES finding_notes(id) ON DELETE SET NULL,
      jira_comment_id text,
      direction text NOT NULL CHECK (direction IN ('outbound','inbound')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX jira_comments_comment ON jira_comments (jira_issue_id, jira_comment_id)
      WHERE jira_comment_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE jira_comments;
    DROP TABLE jira_finding_links;
    DROP TABLE jira_issues;
    DROP TABLE jira_configs;
    DROP TABLE jira_instances;
  `.execute(db);
}
