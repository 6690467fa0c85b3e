import type { Repositories } from '@vigil/db';
import type { RealtimeEnvelope, RealtimeEventType } from '@vigil/contract';
import { presentChatMessage, presentFeedPost, type ParsedEvent } from '@vigil/core';

export type { RealtimeEnvelope };

export interface Presented {
  rooms: string[];
  envelope: RealtimeEnvelope;
}

type Repos = Pick<Repositories, 'chatMessages'>;
type P = Record<string, unknown>;
type Of<T extends ParsedEvent['type']> = Extract<ParsedEvent, { type: T }>;

/** Rooms a connection can be in (`public`: every signed-in connection); product_type: topics are not pushed. */
const ROOM = /^((user|team|product|finding):\d+|public)$/;

const pick = <T extends object, K extends keyof T>(p: T, keys: K[]): Pick<T, K> =>
  Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])) as Pick<T, K>;
/** Ids and counts only: what any member of the event's rooms may read about a type without a presenter. */
const idsOnly = (p: object): P =>
  Object.fromEntries(
    Object.entries(p).filter(([k, v]) => /(Id|Ids)$/.test(k) && (typeof v === 'number' || Array.isArray(v))),
  );

const finding = (e: Of<'finding.created' | 'finding.updated' | 'finding.status_changed'>): P =>
  pick(e.payload as Of<'finding.status_changed'>['payload'], [
    'findingId',
    'productId',
    'testId',
    'title',
    'severity',
    'status',
    'action',
  ]);
const chatMessage = async (
  e: Of<'chat.message_posted' | 'chat.message_edited' | 'chat.reaction_changed'>,
  repos: Repos,
): Promise<P | null> => {
  const m = await repos.chatMessages.findById(e.payload.messageId);
  return m ? { message: presentChatMessage(m) } : null;
};
const passThrough = (e: ParsedEvent): P => e.payload;
/** A feed post as the timelines show it, with its markdown rendered by the server's safe renderer. */
const feedPost = ({ payload: p }: Of<'feed.posted'>): P => {
  const post = presentFeedPost({
    id: p.postId,
    text: p.text,
    created_at: new Date(p.createdAt),
    author_id: p.authorId,
    author_username: p.authorUsername,
    product_id: p.productId,
    product_name: p.productName,
  });
  return { post };
};

/**
 * One presenter per event type: the payload a member of the event's rooms may read. Finding facts
 * go to product and finding rooms (readers of the product); chat messages are loaded and presented
 * like the REST API does; personal events (notification, mention, read marker) only go to user rooms
 * (their topics are user topics only). `scan.imported` carries counts and the created findings' id
 * range, never the ids. A catalogued type without a presenter carries only its ids.
 */
const PRESENTERS: {
  [T in RealtimeEventType]: (e: Extract<ParsedEvent, { type: T }>, repos: Repos) => Promise<P | null> | P | null;
} = {
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
  'chat.message_deleted': (e) => pick(e.payload, ['messageId', 'channel']),
  'chat.read': (e) => pick(e.payload, ['channel', 'title', 'unread', 'lastReadId']),
  'user.mentioned': (e) => pick(e.payload, ['messageId', 'channel', 'context', 'excerpt', 'url']),
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

/** Presents an event parsed where it was read from the log (`parseDomainEvents`). */
export async function presentEvent(e: ParsedEvent, repos: Repos): Promise<Presented | null> {
  let rooms = e.topics.filter((t) => ROOM.test(t));
  if (PERSONAL.has(e.type)) rooms = rooms.filter((t) => t.startsWith('user:'));
  if (!rooms.length) return null;
  const presenter = (
    PRESENTERS as Partial<Record<ParsedEvent['type'], (e: ParsedEvent, repos: Repos) => Promise<P | null> | P | null>>
  )[e.type];
  const data = presenter ? await presenter(e, repos) : idsOnly(e.payload);
  if (!data) return null;
  return { rooms, envelope: { id: e.id, type: e.type, at: e.created_at.toISOString(), data } };
}
