import type { ChatUnreadCount } from '@vigil/contract';
import { CHAT_LIMITS } from '@vigil/contract/values';
import type { ChatAnchor, ChatMessageView, Repositories, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { publish, topic } from '../events/domain-events.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { ChatAccess } from './chat-access.ts';
import type { ChannelRef, ChannelScope } from './chat-channel.ts';
import { mentionedUsernames } from './mentions.ts';
import { AuthorPolicy, type AuthoredAction } from '../access/author.policy.ts';

// The limits are the contract's (docs/realtime.md), so the request schemas enforce the same ones.
export { CHAT_LIMITS } from '@vigil/contract/values';

/**
 * Team channels and finding threads. Every change is one transaction that also appends its domain
 * event (`chat.*` on the channel's topic, `user.mentioned` on each mentioned user's topic), so the
 * real-time fan-out and notifications see it only after commit.
 */
export class ChatService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: ChatAccess,
  ) {}

  async history(ctx: RequestContext, ref: ChannelRef, anchor: ChatAnchor, limit: number) {
    const scope = await this.access.resolve(ctx, ref);
    const messages = await this.uow.repos.chatMessages.page(scope.name, anchor, Math.min(limit, CHAT_LIMITS.pageMax));
    return { scope, messages };
  }

  async post(ctx: RequestContext, ref: ChannelRef, body: string): Promise<ChatMessageView> {
    const text = checkBody(body);
    const scope = await this.access.requirePost(ctx, ref);
    const mentioned = await this.mentionable(scope, text);
    return this.uow.transaction(async (repos) => {
      const id = await repos.chatMessages.insert({
        teamId: scope.teamId,
        findingId: scope.findingId,
        authorId: ctx.actor.userId,
        body: text,
        mentions: mentioned.map((u) => u.id),
      });
      await repos.chatReadMarkers.markRead(ctx.actor.userId, scope.name, id);
      await publish(repos, {
        type: 'chat.message_posted',
        topics: [scope.name],
        actorId: ctx.actor.userId,
        payload: eventPayload(scope, id),
      });
      await this.publishMentions(
        repos,
        ctx,
        scope,
        id,
        text,
        mentioned.map((u) => u.id),
      );
      return (await repos.chatMessages.findById(id))!;
    });
  }

  async edit(ctx: RequestContext, messageId: number, body: string): Promise<ChatMessageView> {
    const text = checkBody(body);
    const { scope, message } = await this.own(ctx, messageId, 'edit');
    const mentioned = await this.mentionable(scope, text);
    return this.uow.transaction(async (repos) => {
      await repos.chatMessages.updateBody(
        messageId,
        text,
        mentioned.map((u) => u.id),
      );
      await publish(repos, {
        type: 'chat.message_edited',
        topics: [scope.name],
        actorId: ctx.actor.userId,
        payload: eventPayload(scope, messageId),
      });
      const added = mentioned.map((u) => u.id).filter((id) => !message.mentions.includes(id));
      await this.publishMentions(repos, ctx, scope, messageId, text, added);
      return (await repos.chatMessages.findById(messageId))!;
    });
  }

  async delete(ctx: RequestContext, messageId: number): Promise<void> {
    const { scope } = await this.own(ctx, messageId, 'delete');
    await this.uow.transaction(async (repos) => {
      await repos.chatMessages.markDeleted(messageId);
      await publish(repos, {
        type: 'chat.message_deleted',
        topics: [scope.name],
        actorId: ctx.actor.userId,
        payload: eventPayload(scope, messageId),
      });
    });
  }

  async react(ctx: RequestContext, messageId: number, emoji: string, on: boolean): Promise<ChatMessageView> {
    const message = await this.uow.repos.chatMessages.findById(messageId);
    if (!message) throw notFound('Message', messageId);
    const scope = await this.access.requirePost(ctx, refOf(message));
    if (message.deleted_at) throw new AppError('CONFLICT', 'This message was deleted');
    return this.uow.transaction(async (repos) => {
      if (on) await repos.chatMessages.addReaction(messageId, ctx.actor.userId, emoji);
      else await repos.chatMessages.removeReaction(messageId, ctx.actor.userId, emoji);
      await publish(repos, {
        type: 'chat.reaction_changed',
        topics: [scope.name],
        actorId: ctx.actor.userId,
        payload: { ...eventPayload(scope, messageId), emoji, on },
      });
      return (await repos.chatMessages.findById(messageId))!;
    });
  }

  /** Moves the caller's read marker; the new unread count goes to their other tabs and devices. */
  async markRead(ctx: RequestContext, ref: ChannelRef, messageId: number): Promise<ChatUnreadCount> {
    const scope = await this.access.resolve(ctx, ref);
    return this.uow.transaction(async (repos) => {
      await repos.chatReadMarkers.markRead(ctx.actor.userId, scope.name, messageId);
      const [row] = await repos.chatReadMarkers.unread(ctx.actor.userId, [scope.name]);
      const count = { channel: scope.name, title: scope.title, unread: row.unread, lastReadId: row.last_read_id };
      await publish(repos, {
        type: 'chat.read',
        topics: [topic.user(ctx.actor.userId)],
        actorId: ctx.actor.userId,
        payload: { ...count },
      });
      return count;
    });
  }

  /** Unread counts of every channel the caller follows. */
  async unread(ctx: RequestContext): Promise<ChatUnreadCount[]> {
    const scopes = await this.access.followed(ctx);
    const rows = await this.uow.repos.chatReadMarkers.unread(
      ctx.actor.userId,
      scopes.map((s) => s.name),
    );
    const byName = new Map(rows.map((r) => [r.channel, r]));
    return scopes.map((s) => ({
      channel: s.name,
      title: s.title,
      unread: byName.get(s.name)?.unread ?? 0,
      lastReadId: byName.get(s.name)?.last_read_id ?? 0,
    }));
  }

  /** Full-text search in one channel, or in every channel the caller follows. */
  async search(ctx: RequestContext, query: string, ref?: ChannelRef): Promise<ChatMessageView[]> {
    const q = query.trim();
    if (!q)
      throw new AppError('VALIDATION_FAILED', 'The search text is empty', [
        { path: 'q', message: 'must not be empty' },
      ]);
    const channels = ref
      ? [(await this.access.resolve(ctx, ref)).name]
      : (await this.access.followed(ctx)).map((s) => s.name);
    return this.uow.repos.chatMessages.search(channels, q, CHAT_LIMITS.searchMax);
  }

  /** The message and its channel, when the caller wrote it (admins may also edit/delete). */
  private async own(
    ctx: RequestContext,
    messageId: number,
    action: AuthoredAction<'chat_message'>,
  ): Promise<{ scope: ChannelScope; message: ChatMessageView }> {
    const message = await this.uow.repos.chatMessages.findById(messageId);
    if (!message) throw notFound('Message', messageId);
    const scope = await this.access.resolve(ctx, refOf(message));
    new AuthorPolicy('chat_message').authorize(ctx.actor, action, message);
    if (message.deleted_at) throw new AppError('CONFLICT', 'This message was deleted');
    return { scope, message };
  }

  private mentionable(scope: ChannelScope, text: string) {
    const names = mentionedUsernames(text, CHAT_LIMITS.mentionsMax);
    return this.uow.repos.chatMessages.mentionable(
      scope.teamId ? { teamId: scope.teamId } : { productId: scope.productId! },
      names,
    );
  }

  private async publishMentions(
    repos: Pick<Repositories, 'events'>,
    ctx: RequestContext,
    scope: ChannelScope,
    messageId: number,
    text: string,
    userIds: number[],
  ) {
    const targets = userIds.filter((id) => id !== ctx.actor.userId);
    if (!targets.length) return;
    const url = scope.findingId
      ? `/findings/${scope.findingId}?message=${messageId}`
      : `/teams/${scope.teamId}?message=${messageId}`;
    await publish(repos, {
      type: 'user.mentioned',
      topics: targets.map((id) => topic.user(id)),
      actorId: ctx.actor.userId,
      payload: {
        mentionedUserIds: targets,
        messageId,
        channel: scope.name,
        context: scope.title,
        excerpt: `${ctx.actor.username}: ${text.slice(0, 200)}`,
        url,
        productId: scope.productId,
        teamId: scope.teamId,
        findingId: scope.findingId,
      },
    });
  }
}

function checkBody(body: string): string {
  const text = body.trim();
  if (!text)
    throw new AppError('VALIDATION_FAILED', 'A message needs some text', [
      { path: 'body', message: 'must not be empty' },
    ]);
  if (text.length > CHAT_LIMITS.bodyMaxChars)
    throw new AppError('VALIDATION_FAILED', `A message holds at most ${CHAT_LIMITS.bodyMaxChars} characters`, [
      { path: 'body', message: `at most ${CHAT_LIMITS.bodyMaxChars} characters` },
    ]);
  return text;
}

const refOf = (m: ChatMessageView): ChannelRef =>
  m.team_id ? { kind: 'team', id: m.team_id } : { kind: 'finding', id: m.finding_id! };

const eventPayload = (scope: ChannelScope, messageId: number) => ({
  messageId,
  channel: scope.name,
  teamId: scope.teamId,
  findingId: scope.findingId,
  productId: scope.productId,
});
