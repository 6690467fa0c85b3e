import type { DomainEventRecord, Repositories } from '@vigil/db';
import { presentChatMessage, presentFeedPost } from '@vigil/core';

/** What a client receives for a persisted event. `id` lets it resume after a reconnect. */
export interface RealtimeEnvelope {
  id: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface Presented {
  rooms: string[];
  envelope: RealtimeEnvelope;
}

type Repos = Pick<Repositories, 'chatMessages'>;
type P = Record<string, unknown>;
type Presenter = (e: DomainEventRecord, repos: Repos) => Promise<P | null> | P | null;

/** Rooms a connection can be in (`public`: every signed-in connection); product_type: topics are not pushed. */
const ROOM = /^((user|team|product|finding):\d+|public)$/;

const pick = (p: P, keys: string[]): P => Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
/** Ids and counts only: what any member of the event's rooms may read about an unknown type. */
const idsOnly = (p: P): P => Object.fromEntries(Object.entries(p).filter(([k, v]) => /(Id|Ids)$/.test(k) && (typeof v === 'number' || Array.isArray(v))));

const finding: Presenter = (e) => pick(e.payload as P, ['findingId', 'productId', 'testId', 'title', 'severity', 'status', 'action']);
const chatMessage: Presenter = async (e, repos) => {
  const m = await repos.chatMessages.findById(Number((e.payload as P).messageId));
  return m ? { message: presentChatMessage(m) } : null;
};
const passThrough: Presenter = (e) => e.payload as P;
/** A feed post as the timelines show it, with its markdown rendered by the server's safe renderer. */
const feedPost: Presenter = (e) => {
  const p = e.payload as P;
  const post = presentFeedPost({
    id: Number(p.postId),
    text: String(p.text ?? ''),
    created_at: new Date(String(p.createdAt)),
    author_id: (p.authorId as number | null) ?? null,
    author_username: (p.authorUsername as string | null) ?? null,
    product_id: (p.productId as number | null) ?? null,
    product_name: (p.productName as string | null) ?? null,
  });
  return { post };
};

/**
 * One presenter per event type: the payload a member of the event's rooms may read. Finding facts
 * go to product and finding rooms (readers of the product); chat messages are loaded and presented
 * like the REST API does; personal events (notification, mention, read marker) only go to user rooms
 * (their topics are user topics only).
 */
const PRESENTERS: Record<string, Presenter> = {
  'finding.created': finding,
  'finding.updated': finding,
  'finding.status_changed': finding,
  'scan.imported': passThrough,
  'import.started': passThrough,
  'import.progress': passThrough,
  'import.finished': passThrough,
  'import.failed': passThrough,
  'notification.created': passThrough,
  'feed.posted': feedPost,
  'chat.message_posted': chatMessage,
  'chat.message_edited': chatMessage,
  'chat.reaction_changed': chatMessage,
  'chat.message_deleted': (e) => pick(e.payload as P, ['messageId', 'channel']),
  'chat.read': (e) => pick(e.payload as P, ['channel', 'title', 'unread', 'lastReadId']),
  'user.mentioned': (e) => pick(e.payload as P, ['messageId', 'channel', 'context', 'excerpt', 'url']),
  'team.invited': passThrough,
  'team.invitation_accepted': passThrough,
  'team.invitation_declined': passThrough,
  'team.invitation_revoked': passThrough,
  'team.member_added': passThrough,
  'team.member_role_changed': passThrough,
  'team.member_removed': passThrough,
};

/** Types whose payload only its user topics may see, whatever other topics they carry. */
const PERSONAL = new Set(['notification.created', 'user.mentioned', 'chat.read']);

export async function presentEvent(e: DomainEventRecord, repos: Repos): Promise<Presented | null> {
  let rooms = e.topics.filter((t) => ROOM.test(t));
  if (PERSONAL.has(e.type)) rooms = rooms.filter((t) => t.startsWith('user:'));
  if (!rooms.length) return null;
  const presenter = PRESENTERS[e.type] ?? ((ev: DomainEventRecord) => idsOnly(ev.payload as P));
  const data = await presenter(e, repos);
  if (!data) return null;
  return { rooms, envelope: { id: e.id, type: e.type, at: e.created_at.toISOString(), data } };
}
