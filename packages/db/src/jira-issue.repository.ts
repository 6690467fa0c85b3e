import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, FindingRow, JiraIssueRow, JiraIssuesTable } from './schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

/** A note waiting to be posted as a Jira comment. */
export interface PendingJiraComment {
  id: number;
  noteId: number;
  findingId: number;
  entry: string;
  author: string | null;
}

/**
 * Jira issues owned by Vigil, their findings and their comments. A row exists before Jira is
 * called (the intent); jira_key is filled once the issue exists. A lease (lease_until) keeps two
 * runs of the same sync job from talking to Jira about one issue at once.
 */
export class JiraIssueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates the intent row for a subject, or returns the existing one (same subject = same issue). */
  ensure(row: Insertable<JiraIssuesTable>): Promise<JiraIssueRow> {
    return this.db
      .insertInto('jira_issues')
      .values(row)
      .onConflict((oc) => oc.column('subject').doUpdateSet({ updated_at: sql`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findById(id: number): Promise<JiraIssueRow | undefined> {
    return this.db.selectFrom('jira_issues').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findBySubject(subject: string): Promise<JiraIssueRow | undefined> {
    return this.db.selectFrom('jira_issues').selectAll().where('subject', '=', subject).executeTakeFirst();
  }

  /** By Jira's numeric id or its key, within one instance. */
  findByJiraRef(instanceId: number, ref: { id?: string; key?: string }): Promise<JiraIssueRow | undefined> {
    return this.db
      .selectFrom('jira_issues')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where((eb) => eb.or([eb('jira_id', '=', ref.id ?? '\u0000'), eb('jira_key', '=', ref.key ?? '\u0000')]))
      .executeTakeFirst();
  }

  byKeys(instanceId: number, keys: string[]): Promise<JiraIssueRow[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.db
      .selectFrom('jira_issues')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('jira_key', 'in', keys)
      .execute();
  }

  /** Links findings to an issue; a finding already linked elsewhere keeps its link. */
  async linkFindings(issueId: number, findingIds: number[]): Promise<void> {
    if (!findingIds.length) return;
    await sql`
      INSERT INTO jira_finding_links (finding_id, jira_issue_id)
      SELECT f, ${issueId} FROM unnest(${pgArrayLiteral(findingIds.map(String))}::int[]) AS f
      ON CONFLICT (finding_id) DO NOTHING`.execute(this.db);
  }

  /** The issue each finding is linked to (findings without one are absent). */
  async issuesOfFindings(findingIds: number[]): Promise<Map<number, JiraIssueRow>> {
    if (!findingIds.length) return new Map();
    const rows = await this.db
      .selectFrom('jira_finding_links as l')
      .innerJoin('jira_issues as i', 'i.id', 'l.jira_issue_id')
      .selectAll('i')
      .select('l.finding_id')
      .where('l.finding_id', 'in', findingIds)
      .execute();
    return new Map(rows.map(({ finding_id, ...issue }) => [finding_id, issue]));
  }

  /** Issues linked to findings of one test (a reimport may have changed their status). */
  async issueIdsOfTest(testId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('jira_finding_links as l')
      .innerJoin('findings as f', 'f.id', 'l.finding_id')
      .select('l.jira_issue_id')
      .distinct()
      .where('f.test_id', '=', testId)
      .execute();
    return rows.map((r) => r.jira_issue_id);
  }

  findingsOf(issueId: number): Promise<FindingRow[]> {
    return this.db
      .selectFrom('jira_finding_links as l')
      .innerJoin('findings as f', 'f.id', 'l.finding_id')
      .selectAll('f')
      .where('l.jira_issue_id', '=', issueId)
      .orderBy('f.id')
      .execute();
  }

  /** Takes the lease for `seconds`; false when another run holds it. */
  async claim(id: number, seconds: number): Promise<boolean> {
    const r = await sql<{ id: number }>`
      UPDATE jira_issues SET lease_until = now() + make_interval(secs => ${seconds})
      WHERE id = ${id} AND (lease_until IS NULL OR lease_until < now()) RETURNING id`.execute(this.db);
    return r.rows.length > 0;
  }

  async release(id: number): Promise<void> {
    await this.db.updateTable('jira_issues').set({ lease_until: null }).where('id', '=', id).execute();
  }

  async recordRemote(id: number, remote: { jiraId: string; jiraKey: string; jiraUrl: string }): Promise<void> {
    await this.db
      .updateTable('jira_issues')
      .set({ jira_id: remote.jiraId, jira_key: remote.jiraKey, jira_url: remote.jiraUrl, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  async recordSynced(
    id: number,
    remote: { status: string | null; resolution: string | null },
    at: Date,
  ): Promise<void> {
    await this.db
      .updateTable('jira_issues')
      .set({
        state: 'synced',
        last_error: null,
        attempts: 0,
        jira_status: remote.status,
        jira_resolution: remote.resolution,
        last_synced_at: at,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed sync; returns the state the issue had before (to publish only on a change). */
  async recordFailure(id: number, error: string): Promise<{ previousState: string; attempts: number } | undefined> {
    const r = await sql<{ previous_state: string; attempts: number }>`
      UPDATE jira_issues i SET state = 'error', last_error = ${error}, attempts = i.attempts + 1, updated_at = now()
      FROM (SELECT id, state FROM jira_issues WHERE id = ${id} FOR UPDATE) old
      WHERE i.id = old.id RETURNING old.state AS previous_state, i.attempts`.execute(this.db);
    const row = r.rows[0];
    return row ? { previousState: row.previous_state, attempts: Number(row.attempts) } : undefined;
  }

  async setRemoteStatus(id: number, status: string | null, resolution: string | null): Promise<void> {
    await this.db
      .updateTable('jira_issues')
      .set({ jira_status: status, jira_resolution: resolution, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Queues a note to be posted as a comment (once per note). */
  async queueOutboundComment(issueId: number, noteId: number): Promise<void> {
    await this.db
      .insertInto('jira_comments')
      .values({ jira_issue_id: issueId, note_id: noteId, direction: 'outbound' })
      .onConflict((oc) => oc.column('note_id').doNothing())
      .execute();
  }

  pendingComments(issueId: number): Promise<PendingJiraComment[]> {
    return this.db
      .selectFrom('jira_comments as c')
      .innerJoin('finding_notes as n', 'n.id', 'c.note_id')
      .leftJoin('users as u', 'u.id', 'n.author_id')
      .select(['c.id', 'c.note_id as noteId', 'n.finding_id as findingId', 'n.entry', 'u.username as author'])
      .where('c.jira_issue_id', '=', issueId)
      .where('c.direction', '=', 'outbound')
      .where('c.jira_comment_id', 'is', null)
      .orderBy('c.id')
      .execute() as Promise<PendingJiraComment[]>;
  }

  async markCommentPosted(id: number, jiraCommentId: string): Promise<void> {
    await this.db.updateTable('jira_comments').set({ jira_comment_id: jiraCommentId }).where('id', '=', id).execute();
  }

  async hasComment(issueId: number, jiraCommentId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('jira_comments')
      .select('id')
      .where('jira_issue_id', '=', issueId)
      .where('jira_comment_id', '=', jiraCommentId)
      .executeTakeFirst();
    return !!r;
  }

  async recordInboundComment(issueId: number, noteId: number, jiraCommentId: string): Promise<void> {
    await this.db
      .insertInto('jira_comments')
      .values({ jira_issue_id: issueId, note_id: noteId, jira_comment_id: jiraCommentId, direction: 'inbound' })
      .execute();
  }

  noteHasComment(noteId: number): Promise<boolean> {
    return this.db
      .selectFrom('jira_comments')
      .select('id')
      .where('note_id', '=', noteId)
      .executeTakeFirst()
      .then((r) => !!r);
  }
}
