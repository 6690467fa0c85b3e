import { timingSafeEqual } from 'node:crypto';
import type { JiraWebhookDelivery, JiraWebhookOutcome } from '@vigil/contract';
import type { JiraInstanceRow, JiraIssueRow, Repositories, UnitOfWork } from '@vigil/db';
import { notFound } from '../errors/app-error.ts';
import { publish, topic } from '../events/domain-events.ts';
import { commentText } from './jira-client.ts';
import { webhookSecretDigest } from './jira-instance.service.ts';
import { applyRemoteStatus } from './jira-remote-status.ts';

const MAX_NOTE = 10_000;

/**
 * Inbound Jira webhooks. The secret in the URL is the authentication: its digest selects the
 * instance and is compared in constant time. An unknown secret is a 404 and changes nothing.
 */
export class JiraWebhookService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async authenticate(secret: string): Promise<JiraInstanceRow> {
    const digest = webhookSecretDigest(secret);
    const instance = await this.uow.repos.jiraInstances.findByWebhookDigest(digest);
    if (!instance || !timingSafeEqual(Buffer.from(instance.webhook_secret_digest), Buffer.from(digest))) {
      // Names nothing: the secret is the credential.
      throw notFound('Jira webhook', '', 'Not found');
    }
    return instance;
  }

  async receive(secret: string, delivery: JiraWebhookDelivery): Promise<JiraWebhookOutcome> {
    const instance = await this.authenticate(secret);
    const ref = {
      id: delivery.issue?.id !== undefined ? String(delivery.issue.id) : undefined,
      key: delivery.issue?.key,
    };
    if (!ref.id && !ref.key) return { issue: null, changedFindings: [], notesAdded: 0 };
    const issue = await this.uow.repos.jiraIssues.findByJiraRef(instance.id, ref);
    // Not an issue Vigil owns: acknowledged, nothing to do (Jira retries on errors, not on 2xx).
    if (!issue) return { issue: null, changedFindings: [], notesAdded: 0 };
    return this.uow.transaction(async (repos) => {
      let changedFindings: number[] = [];
      const status = delivery.issue?.fields?.status;
      if (status?.name && delivery.webhookEvent?.startsWith('jira:issue_')) {
        changedFindings = await applyRemoteStatus(
          repos,
          issue,
          instance,
          {
            status: status.name,
            statusCategory: status.statusCategory?.key ?? null,
            resolution: delivery.issue?.fields?.resolution?.name ?? null,
          },
          this.clock(),
        );
      }
      const notesAdded = delivery.comment ? await this.addCommentAsNote(repos, instance, issue, delivery.comment) : 0;
      return { issue: issue.jira_key, changedFindings, notesAdded };
    });
  }

  private async addCommentAsNote(
    repos: Repositories,
    instance: JiraInstanceRow,
    issue: JiraIssueRow,
    comment: NonNullable<JiraWebhookDelivery['comment']>,
  ): Promise<number> {
    if (comment.id === undefined || issue.kind === 'epic') return 0;
    const commentId = String(comment.id);
    const body = commentText(comment.body);
    const author = comment.author?.name ?? comment.author?.accountId ?? null;
    // Comments Vigil posted itself (marker, or written with the instance's own account) and ones already imported.
    if (
      body.includes('[vigil-note-') ||
      author === instance.username ||
      (await repos.jiraIssues.hasComment(issue.id, commentId))
    )
      return 0;
    const entry =
      `Jira comment by ${comment.author?.displayName ?? author ?? 'unknown'} on ${issue.jira_key}:\n${body}`.slice(
        0,
        MAX_NOTE,
      );
    const findings = await repos.jiraIssues.findingsOf(issue.id);
    let first = true;
    for (const f of findings) {
      const note = await repos.notes.insert(f.id, null, entry, false);
      if (first) await repos.jiraIssues.recordInboundComment(issue.id, note.id, commentId);
      first = false;
      await publish(repos, {
        type: 'finding.note_added',
        topics: [topic.finding(f.id), topic.product(f.product_id)],
        actorId: null,
        payload: {
          findingId: f.id,
          productId: f.product_id,
          noteId: note.id,
          private: false,
          source: 'jira',
          jiraKey: issue.jira_key,
        },
      });
    }
    return findings.length;
  }
}
