import type { JiraConfigRow, JiraInstanceRow, JiraIssueRow, UnitOfWork } from '@vigil/db';
import { MAX_EVENT_IDS } from '@vigil/contract';
import { publish, topic } from '../events/domain-events.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { OutboundGuard } from '../notification/outbound-guard.ts';
import { JiraClient, JiraRequestError, type JiraCredentials, type JiraIssueSnapshot } from './jira-client.ts';
import { createOnlyFields, epicFields, issueFields, subjectLabel, wantsClosed } from './jira-issue-content.ts';
import { applyRemoteStatus } from './jira-remote-status.ts';

/** Another run holds the issue's lease; the job fails and its retry comes back later. */
export class JiraIssueBusyError extends Error {
  constructor(issueId: number) {
    super(`Jira issue ${issueId} is being synchronised by another run`);
    this.name = 'JiraIssueBusyError';
  }
}

/** Default lease: the sync job's timeout (a running job older than that is retried anyway). */
const DEFAULT_LEASE_SECONDS = 300;
/** Marks a comment Vigil posted; inbound comments carrying it are ignored (no loops). */
export const noteMarker = (noteId: number) => `[vigil-note-${noteId}]`;

export type JiraClientFactory = (creds: JiraCredentials) => JiraClient;

export interface JiraSyncOptions {
  clock?: () => Date;
  clientFor?: JiraClientFactory;
  leaseSeconds?: number;
  /** The outbound SSRF guard every Jira call goes through (default: no private address allowed). */
  guard?: OutboundGuard;
}

/**
 * Brings one Jira issue in line with Vigil; the body of the 'jira.sync-issue' job. Idempotent:
 * the issue row (subject) exists before Jira is called; without a key yet, Jira is searched for
 * the subject's label before creating, so a run repeated after a crash finds the issue it created.
 * A lease keeps two runs off the same issue at once.
 */
export class JiraSyncService {
  private readonly clock: () => Date;
  private readonly clientFor: JiraClientFactory;
  private readonly leaseSeconds: number;
  private readonly guard: OutboundGuard;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: SecretBox,
    opts: JiraSyncOptions = {},
  ) {
    this.clock = opts.clock ?? (() => new Date());
    this.guard = opts.guard ?? new OutboundGuard([]);
    this.clientFor = opts.clientFor ?? ((c) => new JiraClient(c, this.guard));
    this.leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  /** Refuses an instance URL the outbound guard would refuse (checked when an instance is saved). */
  async checkUrl(url: string): Promise<void> {
    await this.guard.checkUrl(url, 'url');
  }

  client(instance: JiraInstanceRow): JiraClient {
    return this.clientFor({
      url: instance.url,
      username: instance.username,
      token: this.secrets.open(instance.token_sealed),
    });
  }

  async sync(issueId: number): Promise<void> {
    const repos = this.uow.repos;
    const issue = await repos.jiraIssues.findById(issueId);
    if (!issue) return;
    if (!(await repos.jiraIssues.claim(issueId, this.leaseSeconds))) throw new JiraIssueBusyError(issueId);
    try {
      const [instance, config] = await Promise.all([
        repos.jiraInstances.findById(issue.instance_id),
        repos.jiraInstances.findConfig(issue.config_id),
      ]);
      if (!instance || !config) return;
      await this.syncWith(issue, instance, config);
    } catch (err) {
      await this.recordFailure(issue, err);
      throw err;
    } finally {
      await repos.jiraIssues.release(issueId);
    }
  }

  private async syncWith(issue: JiraIssueRow, instance: JiraInstanceRow, config: JiraConfigRow): Promise<void> {
    const repos = this.uow.repos;
    const client = this.client(instance);
    const findings = issue.kind === 'epic' ? [] : await repos.jiraIssues.findingsOf(issue.id);
    if (issue.kind !== 'epic' && !findings.length) return;
    let fields: Record<string, unknown>;
    if (issue.kind === 'epic') {
      fields = epicFields(
        issue,
        config,
        issue.engagement_id ? await repos.engagements.findById(issue.engagement_id) : undefined,
      );
    } else {
      fields = issueFields(issue, config, findings, await this.epicKey(issue, config));
    }

    let key = issue.jira_key;
    if (!key) {
      const [existing] = await client.search(
        `project = "${config.project_key}" AND labels = "${subjectLabel(issue.subject)}"`,
        1,
      );
      const created = existing ?? (await client.createIssue({ ...createOnlyFields(config, issue.kind), ...fields }));
      key = created.key;
      await repos.jiraIssues.recordRemote(issue.id, {
        jiraId: created.id,
        jiraKey: key,
        jiraUrl: client.browseUrl(key),
      });
    } else {
      await client.updateIssue(key, fields);
    }

    let snap = await client.getIssue(key);
    if (issue.kind !== 'epic')
      snap = await this.reconcileStatus(issue, instance, config, client, snap, wantsClosed(findings));
    await this.postComments(issue, client, snap);
    await repos.jiraIssues.recordSynced(issue.id, { status: snap.status, resolution: snap.resolution }, this.clock());
  }

  /**
   * Jira moved since the last sync (its status differs from the one recorded): Jira wins and the
   * findings follow. Otherwise Vigil's status is pushed with the configured transition.
   */
  private async reconcileStatus(
    issue: JiraIssueRow,
    instance: JiraInstanceRow,
    config: JiraConfigRow,
    client: JiraClient,
    snap: JiraIssueSnapshot,
    closed: boolean,
  ) {
    if (issue.jira_status !== null && snap.status !== issue.jira_status) {
      await this.uow.transaction((repos) => applyRemoteStatus(repos, issue, instance, snap, this.clock()));
      return snap;
    }
    const isDone = snap.statusCategory === 'done';
    if (closed === isDone) return snap;
    const wanted = closed ? config.close_transition : config.reopen_transition;
    const available = await client.transitions(snap.key);
    const t = available.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
    if (!t) {
      throw new JiraRequestError(
        409,
        `Transition "${wanted}" is not available for ${snap.key} in status "${snap.status}" ` +
          `(available: ${available.map((x) => x.name).join(', ') || 'none'})`,
      );
    }
    await client.transition(snap.key, t.id);
    return client.getIssue(snap.key);
  }

  private async postComments(issue: JiraIssueRow, client: JiraClient, snap: JiraIssueSnapshot): Promise<void> {
    for (const c of await this.uow.repos.jiraIssues.pendingComments(issue.id)) {
      const marker = noteMarker(c.noteId);
      const already = snap.comments.find((x) => x.body.includes(marker));
      const posted =
        already ??
        (await client.addComment(
          snap.key,
          `${c.author ?? 'Vigil'} on finding #${c.findingId}:\n${c.entry}\n\n${marker}`,
        ));
      await this.uow.repos.jiraIssues.markCommentPosted(c.id, posted.id);
    }
  }

  /** The engagement's epic key, creating the epic first when the configuration asks for one. */
  private async epicKey(issue: JiraIssueRow, config: JiraConfigRow): Promise<string | null> {
    if (!config.engagement_epic || !issue.engagement_id) return null;
    const epic = await this.uow.repos.jiraIssues.findBySubject(`epic-${issue.engagement_id}`);
    if (!epic) return null;
    if (!epic.jira_key) await this.sync(epic.id);
    return (await this.uow.repos.jiraIssues.findById(epic.id))?.jira_key ?? null;
  }

  private async recordFailure(issue: JiraIssueRow, err: unknown): Promise<void> {
    if (err instanceof JiraIssueBusyError) return;
    const message = err instanceof Error ? err.message : String(err);
    await this.uow.transaction(async (repos) => {
      const r = await repos.jiraIssues.recordFailure(issue.id, message.slice(0, 2000));
      // One event when an issue starts failing, not one per retry.
      if (r && r.previousState !== 'error') {
        const findingIds = (await repos.jiraIssues.findingsOf(issue.id)).map((f) => f.id);
        await publish(repos, {
          type: 'jira.sync_failed',
          topics: [topic.product(issue.product_id), ...findingIds.map(topic.finding)],
          actorId: null,
          payload: {
            jiraIssueId: issue.id,
            productId: issue.product_id,
            subject: issue.subject,
            jiraKey: issue.jira_key,
            findingIds: findingIds.slice(0, MAX_EVENT_IDS),
            error: message.slice(0, 500),
            attempts: r.attempts,
          },
        });
      }
    });
  }
}
