import type { DomainEventPayload, DomainEventType } from './domain-events.contract.ts';

/**
 * What a WebSocket client receives for a persisted event (`event {id, type, at, data}`): the
 * presenter of its type (apps/server/src/realtime/event-presenters.ts) decides `data`. Types only:
 * the client and the web app import them with `import type`, so zod never enters the web bundle.
 */
export interface RealtimeEnvelope {
  /** The event's position in the log: a client resumes after the last id it saw. */
  id: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

type Pick2<T, K extends PropertyKey> = Pick<T, Extract<keyof T, K>>;
type FindingData<T extends DomainEventType> = Pick2<
  DomainEventPayload<T>,
  'findingId' | 'productId' | 'testId' | 'title' | 'severity' | 'status' | 'action'
>;
type PassThrough =
  | 'scan.imported'
  | 'import.started'
  | 'import.progress'
  | 'import.finished'
  | 'import.failed'
  | 'notification.created'
  | 'team.invited'
  | 'team.invitation_accepted'
  | 'team.invitation_declined'
  | 'team.invitation_revoked'
  | 'team.member_added'
  | 'team.member_role_changed'
  | 'team.member_removed';

/** `data` per event type, as the server's presenters send it. */
export type RealtimeEventData = { [T in PassThrough]: DomainEventPayload<T> } & {
  'finding.created': FindingData<'finding.created'>;
  'finding.updated': FindingData<'finding.updated'>;
  'finding.status_changed': FindingData<'finding.status_changed'>;
  /** The post and messages as the REST API presents them. */
  'feed.posted': { post: Record<string, unknown> };
  'chat.message_posted': { message: Record<string, unknown> };
  'chat.message_edited': { message: Record<string, unknown> };
  'chat.reaction_changed': { message: Record<string, unknown> };
  'chat.message_deleted': Pick2<DomainEventPayload<'chat.message_deleted'>, 'messageId' | 'channel'>;
  'chat.read': Pick2<DomainEventPayload<'chat.read'>, 'channel' | 'title' | 'unread' | 'lastReadId'>;
  'user.mentioned': Pick2<
    DomainEventPayload<'user.mentioned'>,
    'messageId' | 'channel' | 'context' | 'excerpt' | 'url'
  >;
};
export type RealtimeEventType = keyof RealtimeEventData;

/** A pushed event of a presented type, with its `data` typed. */
export type RealtimeEventOf<T extends RealtimeEventType> = Omit<RealtimeEnvelope, 'type' | 'data'> & {
  type: T;
  data: RealtimeEventData[T];
};
