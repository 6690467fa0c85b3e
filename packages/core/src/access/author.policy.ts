import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';

/** What only its author (and administrators) may change, per kind of content, with the sentence a refusal says. */
const AUTHORED_ACTIONS = {
  finding_note: { edit: 'Only the author may edit a note' },
  chat_message: {
    edit: 'Only the author may edit or delete a message',
    delete: 'Only the author may edit or delete a message',
  },
  feed_post: { delete: 'You can only delete your own posts' },
} as const satisfies Record<string, Record<string, string>>;

export type AuthoredKind = keyof typeof AUTHORED_ACTIONS;
export type AuthoredAction<K extends AuthoredKind> = keyof (typeof AUTHORED_ACTIONS)[K] & string;

/** A piece of content someone wrote: a finding note, a chat message, a feed post. */
export interface Authored {
  author_id: number | null;
}

/**
 * The policy of written content: its author changes it, and administrators. Who may read it is
 * the policy of what it belongs to (the finding, the channel, the feed), checked first.
 */
export class AuthorPolicy<K extends AuthoredKind> {
  constructor(private readonly kind: K) {}

  can(actor: Actor, action: AuthoredAction<K>, content: Authored): boolean {
    return actor.isAdmin || (Object.hasOwn(AUTHORED_ACTIONS[this.kind], action) && content.author_id === actor.userId);
  }

  /** FORBIDDEN, with the kind's sentence, unless the caller wrote the content or is an administrator. */
  authorize(actor: Actor, action: AuthoredAction<K>, content: Authored): void {
    if (this.can(actor, action, content)) return;
    const sentences: Readonly<Record<string, string>> = AUTHORED_ACTIONS[this.kind];
    throw new AppError('FORBIDDEN', sentences[action]);
  }
}
