import type { ChannelInput, ChannelPatch, ChannelTest } from '@vigil/contract';
import type { ChannelKind, NotificationChannelRow, NotificationDeliveryRow, UnitOfWork } from '@vigil/db';
import { adminPolicy } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { isUniqueViolation } from '../pagination/page.ts';
import { openChannel, sealSecrets } from './channel-secrets.ts';
import type { ChannelSecrets } from './channels/channel-sender.ts';
import type { TargetSenders } from './delivery-worker.ts';
import type { OutboundGuard } from './outbound-guard.ts';

/** Shared delivery channels, managed by administrators. Credentials are sealed before storage. */
export class NotificationChannelService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
    private readonly guard: OutboundGuard,
    private readonly senders: TargetSenders,
    private readonly telegramApiUrl: string,
  ) {}

  list(ctx: RequestContext): Promise<NotificationChannelRow[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'notification_channel');
    return this.uow.repos.notificationChannels.list();
  }

  async get(
    ctx: RequestContext,
    id: number,
  ): Promise<{ channel: NotificationChannelRow; deliveries: NotificationDeliveryRow[] }> {
    adminPolicy.authorize(ctx.actor, 'read', 'notification_channel');
    const channel = await this.find(id);
    return { channel, deliveries: await this.uow.repos.notificationDeliveries.listForChannel(id, 50) };
  }

  private async find(id: number): Promise<NotificationChannelRow> {
    const channel = await this.uow.repos.notificationChannels.findById(id);
    if (!channel) throw notFound('Channel', id);
    return channel;
  }

  async create(ctx: RequestContext, req: ChannelInput): Promise<NotificationChannelRow> {
    adminPolicy.authorize(ctx.actor, 'create', 'notification_channel');
    const { settings, secrets } = await this.validated(req.kind, req);
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.notificationChannels.insert({
          name: req.name,
          kind: req.kind,
          settings,
          ...sealSecrets(this.box, secrets),
          maxFailures: req.maxFailures ?? 5,
          enabled: req.enabled ?? true,
        });
        await audit(repos, ctx, 'create', 'notification_channel', row.id, undefined, {
          name: row.name,
          kind: row.kind,
          settings,
          secretHint: row.secret_hint,
        });
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A channel named "${req.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async update(ctx: RequestContext, id: number, patch: ChannelPatch): Promise<NotificationChannelRow> {
    adminPolicy.authorize(ctx.actor, 'update', 'notification_channel');
    const channel = await this.find(id);
    const current = openChannel(this.box, channel);
    const touchesTarget = [
      'url',
      'hmacSecret',
      'botToken',
      'chatId',
      'host',
      'port',
      'protocol',
      'facility',
      'caPem',
    ].some((k) => k in patch && patch[k as keyof ChannelPatch] !== undefined);
    let sealed: { secretCiphertext: string | null; secretHint: string } | undefined;
    let settings: Record<string, unknown> | undefined;
    if (touchesTarget) {
      const merged = { ...current.settings, ...current.secrets, ...patch } as ChannelInput;
      const v = await this.validated(channel.kind, merged);
      settings = v.settings;
      sealed = sealSecrets(this.box, v.secrets);
    }
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.notificationChannels.update(id, {
          name: patch.name,
          enabled: patch.enabled,
          maxFailures: patch.maxFailures,
          settings,
          ...(sealed ?? {}),
        });
        if (!row) throw notFound('Channel', id);
        await audit(
          repos,
          ctx,
          'update',
          'notification_channel',
          id,
          { name: channel.name, enabled: channel.enabled, settings: channel.settings, secretHint: channel.secret_hint },
          { name: row.name, enabled: row.enabled, settings: row.settings, secretHint: row.secret_hint },
        );
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A channel named "${patch.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    adminPolicy.authorize(ctx.actor, 'delete', 'notification_channel');
    const channel = await this.find(id);
    await this.uow.transaction(async (repos) => {
      await repos.notificationChannels.delete(id);
      await audit(repos, ctx, 'delete', 'notification_channel', id, { name: channel.name, kind: channel.kind });
    });
  }

  /** Sends a test message now (not through the outbox) and reports the outcome. */
  async test(ctx: RequestContext, id: number): Promise<ChannelTest> {
    adminPolicy.authorize(ctx.actor, 'test', 'notification_channel');
    const channel = await this.find(id);
    const sender = this.senders[channel.kind];
    if (!sender) throw new AppError('UNPROCESSABLE', `No sender for ${channel.kind}`);
    const now = new Date();
    const notification = {
      id: 0,
      event_id: 0,
      type: 'channel.test',
      product_id: null,
      severity: 'Info',
      title: `Test message for channel "${channel.name}"`,
      body: 'Vigil can reach this channel.',
      url: null,
      details: {},
      created_at: now,
    };
    try {
      await sender.send(openChannel(this.box, channel), {
        deliveryKey: `test:c${id}:${now.getTime()}`,
        notification,
        link: null,
      });
      return { ok: true, error: null };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }

  /** Per-kind validation, with the SSRF check of every outbound target. */
  private async validated(
    kind: ChannelKind,
    req: ChannelInput,
  ): Promise<{ settings: Record<string, unknown>; secrets: ChannelSecrets }> {
    const missing = (path: string) =>
      new AppError('VALIDATION_FAILED', `A ${kind} channel needs ${path}`, [{ path, message: 'required' }]);
    switch (kind) {
      case 'slack':
      case 'msteams':
      case 'mattermost':
      case 'webhook': {
        if (!req.url) throw missing('url');
        await this.guard.checkUrl(req.url, 'url');
        return {
          settings: {},
          secrets: { url: req.url, ...(kind === 'webhook' && req.hmacSecret ? { hmacSecret: req.hmacSecret } : {}) },
        };
      }
      case 'telegram': {
        if (!req.botToken) throw missing('botToken');
        if (!req.chatId) throw missing('chatId');
        await this.guard.checkUrl(this.telegramApiUrl, 'telegram API URL');
        return { settings: { chatId: req.chatId }, secrets: { botToken: req.botToken } };
      }
      case 'syslog': {
        if (!req.host) throw missing('host');
        if (!req.port) throw missing('port');
        await this.guard.check(req.host, 'host');
        return {
          settings: {
            host: req.host,
            port: req.port,
            protocol: req.protocol ?? 'tcp',
            facility: req.facility ?? 10,
            ...(req.caPem ? { caPem: req.caPem } : {}),
          },
          secrets: {},
        };
      }
    }
  }
}
