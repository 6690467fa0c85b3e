import type { UnitOfWork, UserRow } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import { audit } from '../audit/audit-trail.ts';
import type { Actor } from './actor.ts';
import { verifyPassword } from './password.ts';
import { digest, newSecret } from './secret-token.ts';

export interface AuthLimits {
  /** Session lifetime, sliding (seconds). */
  sessionTtlSeconds: number;
  /** Failed logins allowed per username and per IP within the window. */
  maxLoginFailures: number;
  loginWindowSeconds: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { sessionTtlSeconds: 12 * 3600, maxLoginFailures: 10, loginWindowSeconds: 15 * 60 };

export interface NewSession {
  sessionToken: string;
  csrfToken: string;
  user: UserRow;
  expiresAt: Date;
}

/** Logins, sessions (stored in the database, so any replica can serve them) and login throttling. */
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly limits: AuthLimits = DEFAULT_AUTH_LIMITS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async login(username: string, password: string, ip: string, userAgent?: string): Promise<NewSession> {
    const keys = [`user:${username.toLowerCase()}`, `ip:${ip}`];
    for (const key of keys) {
      const { failures, retryAfter } = await this.uow.repos.loginAttempts.failures(key, this.limits.loginWindowSeconds);
      if (failures >= this.limits.maxLoginFailures) {
        throw new AppError('RATE_LIMITED', `Too many failed logins; try again in ${retryAfter} s`, undefined, retryAfter);
      }
    }
    const user = await this.uow.repos.users.findByUsername(username);
    // A feed-only account (MiniTwit simulator) never signs in: answered exactly as a wrong password.
    const ok = !!user && user.is_active && (await verifyPassword(user.password_hash, password)) && !user.feed_only;
    if (!ok || !user) {
      for (const key of keys) await this.uow.repos.loginAttempts.recordFailure(key, this.limits.loginWindowSeconds);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    await this.uow.repos.loginAttempts.clear(keys[0]);
    return this.startSession(user, ip, userAgent);
  }

  /** Opens a session for an already authenticated user. */
  async startSession(user: UserRow, ip: string | null, userAgent?: string): Promise<NewSession> {
    const sessionToken = newSecret('vs_', 32);
    const csrfToken = newSecret('', 24);
    const expiresAt = new Date(this.clock().getTime() + this.limits.sessionTtlSeconds * 1000);
    await this.uow.transaction(async (repos) => {
      await repos.sessions.insert({
        id: digest(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        ip,
        user_agent: userAgent?.slice(0, 300) ?? null,
        expires_at: expiresAt,
      });
      await repos.users.update(user.id, { last_login_at: this.clock() });
      await audit(repos, { actor: actorOf(user, 'session') }, 'login', 'user', user.id);
    });
    return { sessionToken, csrfToken, user, expiresAt };
  }

  /** Resolves a session cookie; slides its expiry. */
  async fromSession(sessionToken: string): Promise<{ actor: Actor; csrfToken: string } | undefined> {
    const id = digest(sessionToken);
    const found = await this.uow.repos.sessions.findLive(id);
    if (!found) return undefined;
    // Slide the expiry at most once a minute: most requests cost one indexed read and no write.
    if (this.clock().getTime() - found.session.last_seen_at.getTime() > 60_000) {
      await this.uow.repos.sessions.touch(id, new Date(this.clock().getTime() + this.limits.sessionTtlSeconds * 1000));
    }
    return { actor: actorOf(found.user, 'session'), csrfToken: found.session.csrf_token };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.uow.repos.sessions.delete(digest(sessionToken));
  }

  /** Resolves an API token (`Token <key>` or `Bearer <key>`). */
  async fromApiToken(key: string): Promise<Actor | undefined> {
    const found = await this.uow.repos.apiTokens.findUsable(digest(key));
    if (!found) return undefined;
    const lastUsed = found.token.last_used_at?.getTime() ?? 0;
    if (this.clock().getTime() - lastUsed > 60_000) await this.uow.repos.apiTokens.markUsed(found.token.id);
    return actorOf(found.user, 'token');
  }
}

export function actorOf(user: UserRow, via: Actor['via']): Actor {
  return { userId: user.id, username: user.username, isAdmin: user.is_admin, via };
}
