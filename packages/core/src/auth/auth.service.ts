import type { UnitOfWork, UserRow } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import { audit } from '../audit/audit-trail.ts';
import type { Actor } from './actor.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { digest, newSecret } from './secret-token.ts';

export interface AuthLimits {
  /** Session lifetime, sliding (seconds). */
  sessionTtlSeconds: number;
  /** Failed logins allowed per username and per IP within the window. */
  maxLoginFailures: number;
  loginWindowSeconds: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  sessionTtlSeconds: 12 * 3600,
  maxLoginFailures: 10,
  loginWindowSeconds: 15 * 60,
};

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
    /** The password check (tests count its calls). */
    private readonly verify: (passwordHash: string | null, password: string) => Promise<boolean> = verifyPassword,
  ) {}

  async login(username: string, password: string, ip: string, userAgent?: string): Promise<NewSession> {
    const keys = [`user:${username.toLowerCase()}`, `ip:${ip}`];
    await this.reserveAttempt(keys);
    let user: UserRow | undefined;
    let ok: boolean;
    try {
      user = await this.uow.repos.users.findByUsername(username);
      const usable = !!user && user.is_active && !!user.password_hash;
      // Unknown, inactive and password-less users are verified against a dummy hash of the same cost,
      // so the answer time does not tell which usernames exist.
      const matches = await this.verify(usable ? user!.password_hash : await dummyPasswordHash(), password);
      // A feed-only account (MiniTwit simulator) never signs in: answered exactly as a wrong password.
      ok = !!user && usable && matches && !user.feed_only;
    } catch (err) {
      await this.releaseAttempt(keys);
      throw err;
    }
    if (!ok || !user) {
      // The reservations stay: they are the failure counted against the username and the IP.
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    await this.uow.repos.loginAttempts.clear(keys[0]!);
    await this.releaseAttempt([keys[1]!]);
    return this.startSession(user, ip, userAgent);
  }

  /**
   * Checks the current password a user gives to change their own password, under the login throttle:
   * a wrong one counts as a failed login for that username (key `user:<name>`), and once the limit
   * is reached the answer is 429 RATE_LIMITED (with Retry-After) before any verification. A right
   * one gives its reservation back (it does not clear earlier failures).
   */
  async verifyCurrentPassword(user: UserRow, password: string): Promise<boolean> {
    const keys = [`user:${user.username.toLowerCase()}`];
    await this.reserveAttempt(keys);
    let ok: boolean;
    try {
      ok = !!user.password_hash && (await this.verify(user.password_hash, password));
    } catch (err) {
      await this.releaseAttempt(keys);
      throw err;
    }
    if (ok) await this.releaseAttempt(keys);
    return ok;
  }

  /**
   * Reserves one attempt per key before any password is checked, each in one atomic statement, so
   * at most maxLoginFailures verifications per username and per IP are in flight or done per window.
   */
  private async reserveAttempt(keys: string[]): Promise<void> {
    const reserved: string[] = [];
    for (const key of keys) {
      const r = await this.uow.repos.loginAttempts.reserve(
        key,
        this.limits.maxLoginFailures,
        this.limits.loginWindowSeconds,
      );
      if (!r.granted) {
        await this.releaseAttempt(reserved);
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed logins; try again in ${r.retryAfter} s`,
          undefined,
          r.retryAfter,
        );
      }
      reserved.push(key);
    }
  }

  private async releaseAttempt(keys: string[]): Promise<void> {
    for (const key of keys)
      await this.uow.repos.loginAttempts.release(key, this.limits.maxLoginFailures, this.limits.loginWindowSeconds);
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
