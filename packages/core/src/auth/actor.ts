/** Who is asking: resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: number;
  username: string;
  isAdmin: boolean;
  via: 'session' | 'token' | 'system';
}

/** The actor used by background jobs and the CLI. */
export const SYSTEM_ACTOR: Actor = { userId: 0, username: 'system', isAdmin: true, via: 'system' };
