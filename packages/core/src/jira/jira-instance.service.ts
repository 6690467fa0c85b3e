import { createHash, randomBytes } from 'node:crypto';
import type { JiraInstanceInput, JiraConnectionTest } from '@vigil/contract';
import type { JiraInstanceRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy, type AdminAction } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { JiraSyncService } from './jira-sync.service.ts';

export const webhookSecretDigest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newWebhookSecret = () => randomBytes(24).toString('base64url');

/** What the audit log keeps of an instance: never the token. */
const auditView = (r: JiraInstanceRow) => ({ name: r.name, url: r.url, username: r.username });

/**
 * Jira instances (administrators only). The API token is sealed with the secret key; the inbound
 * webhook secret is kept only as a SHA-256 digest and shown once, when created or rotated.
 */
export class JiraInstanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: SecretBox,
    private readonly sync: JiraSyncService,
  ) {}

  list(ctx: RequestContext): Promise<JiraInstanceRow[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'jira_instance');
    return this.uow.repos.jiraInstances.list();
  }

  async get(ctx: RequestContext, id: number, action: AdminAction<'jira_instance'> = 'read'): Promise<JiraInstanceRow> {
    adminPolicy.authorize(ctx.actor, action, 'jira_instance');
    const row = await this.uow.repos.jiraInstances.findById(id);
    if (!row) throw notFound('Jira instance', id);
    return row;
  }

  async create(
    ctx: RequestContext,
    input: JiraInstanceInput,
  ): Promise<{ instance: JiraInstanceRow; webhookSecret: string }> {
    adminPolicy.authorize(ctx.actor, 'create', 'jira_instance');
    await this.assertNameFree(input.name);
    await this.sync.checkUrl(input.url);
    const webhookSecret = newWebhookSecret();
    const instance = await this.uow.transaction(async (repos) => {
      const row = await repos.jiraInstances.insert({
        name: input.name,
        url: input.url.replace(/\/+$/, ''),
        username: input.username,
        token_sealed: this.secrets.seal(input.token),
        webhook_secret_digest: webhookSecretDigest(webhookSecret),
        false_positive_resolutions: input.falsePositiveResolutions ?? ['False Positive'],
        risk_accepted_resolutions: input.riskAcceptedResolutions ?? ["Won't Fix", 'Risk Accepted'],
      });
      await audit(repos, ctx, 'create', 'jira_instance', row.id, undefined, auditView(row));
      return row;
    });
    return { instance, webhookSecret };
  }

  async update(ctx: RequestContext, id: number, input: Partial<JiraInstanceInput>): Promise<JiraInstanceRow> {
    const before = await this.get(ctx, id, 'update');
    if (input.name && input.name !== before.name) await this.assertNameFree(input.name);
    if (input.url !== undefined) await this.sync.checkUrl(input.url);
    return this.uow.transaction(async (repos) => {
      const row = await repos.jiraInstances.update(id, {
        name: input.name,
        url: input.url?.replace(/\/+$/, ''),
        username: input.username,
        token_sealed: input.token ? this.secrets.seal(input.token) : undefined,
        false_positive_resolutions: input.falsePositiveResolutions,
        risk_accepted_resolutions: input.riskAcceptedResolutions,
      });
      if (!row) throw notFound('Jira instance', id);
      await audit(repos, ctx, 'update', 'jira_instance', id, auditView(before), {
        ...auditView(row),
        tokenChanged: !!input.token,
      });
      return row;
    });
  }

  /** Replaces the webhook secret (the old URL stops working at once); returns the new one. */
  async rotateWebhookSecret(ctx: RequestContext, id: number): Promise<string> {
    await this.get(ctx, id, 'rotate_webhook_secret');
    const secret = newWebhookSecret();
    await this.uow.transaction(async (repos) => {
      await repos.jiraInstances.update(id, { webhook_secret_digest: webhookSecretDigest(secret) });
      await audit(repos, ctx, 'rotate_webhook_secret', 'jira_instance', id);
    });
    return secret;
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const before = await this.get(ctx, id, 'delete');
    const used = await this.uow.repos.jiraInstances.configCount(id);
    if (used)
      throw new AppError(
        'CONFLICT',
        `Jira instance ${id} is used by ${used} product configuration(s); remove them first`,
      );
    await this.uow.transaction(async (repos) => {
      await repos.jiraInstances.delete(id);
      await audit(repos, ctx, 'delete', 'jira_instance', id, auditView(before));
    });
  }

  /** Checks the URL and credentials with GET /rest/api/2/myself. */
  async testConnection(ctx: RequestContext, id: number): Promise<JiraConnectionTest> {
    const row = await this.get(ctx, id, 'test_connection');
    try {
      const me = await this.sync.client(row).myself();
      return { ok: true, user: me.displayName || me.name, error: null };
    } catch (err) {
      return { ok: false, user: null, error: (err as Error).message };
    }
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.uow.repos.jiraInstances.findByName(name)) {
      throw new AppError('CONFLICT', `A Jira instance named "${name}" already exists`, [
        { path: 'name', message: 'already exists' },
      ]);
    }
  }
}
