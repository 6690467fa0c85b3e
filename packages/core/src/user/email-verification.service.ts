import type { Repositories, UnitOfWork, UserRow } from '@vigil/db';
import type { VerificationLinkOutcome } from '@vigil/contract';
import { AppError, notFound } from '../errors/app-error.ts';
import { audit } from '../audit/audit-trail.ts';
import { digest, newSecret } from '../auth/secret-token.ts';
import { escapeHtml } from '../feed/markdown.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { PlainEmail } from '../notification/channels/email.sender.ts';

/** Sends one message (the SMTP channel's EmailSender); absent when no SMTP server is configured. */
export interface VerificationMailer {
  sendMessage(m: PlainEmail): Promise<void>;
}

/** What verifying an address sets off beyond the mark: the team invitations waiting for it. */
export interface VerifiedEmailListener {
  claimForVerifiedEmail(repos: Repositories, ctx: RequestContext, user: UserRow): Promise<number>;
}

export interface EmailVerificationOptions {
  /** Absolute base URL of Vigil ('' = unknown: no link can be built). */
  publicUrl: string;
  /** How long a link works. */
  ttlHours: number;
  /** The shortest time between two links for one account (resends). */
  resendIntervalSeconds: number;
}

export const EMAIL_VERIFICATION_DEFAULTS: EmailVerificationOptions = {
  publicUrl: '',
  ttlHours: 24,
  resendIntervalSeconds: 60,
};
export const VERIFY_EMAIL_PATH = '/api/v1/auth/verify-email';
export const NO_MAILER_REASON =
  'No SMTP server is configured (VIGIL_SMTP_HOST), so no verification link was sent; an administrator can mark the ' +
  'address verified';
export const NO_PUBLIC_URL_REASON =
  'VIGIL_PUBLIC_URL is not set, so no verification link can be built; an administrator can mark the address verified';

/** What became of a verification link: the API contract's answer, returned as it is. */
export type { VerificationLinkOutcome };

/**
 * Proof that a user holds their address: a link carrying a random secret (32 bytes; only its
 * SHA-256 digest is stored, as for sessions and API tokens, so the database cannot forge one),
 * bound to the address it was sent to, expiring after `ttlHours`, and working once.
 */
export class EmailVerificationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly mailer: VerificationMailer | null,
    private readonly listener: VerifiedEmailListener,
    private readonly opts: EmailVerificationOptions = EMAIL_VERIFICATION_DEFAULTS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Whether links can be sent at all (for the API answers). */
  get unavailableReason(): string | null {
    if (!this.mailer) return NO_MAILER_REASON;
    if (!this.opts.publicUrl) return NO_PUBLIC_URL_REASON;
    return null;
  }

  /** After a committed change of address: a link to the new one. Never throws: the outcome says what happened. */
  async sendLink(user: UserRow): Promise<VerificationLinkOutcome> {
    const unavailable = this.unavailableReason;
    if (unavailable) return { sent: false, email: user.email, reason: unavailable };
    try {
      return await this.issueAndSend(user);
    } catch (err) {
      return {
        sent: false,
        email: user.email,
        reason: `The verification link could not be sent: ${(err as Error).message}`,
      };
    }
  }

  /** A new link for the caller's own unverified address (POST /api/v1/auth/verify-email/resend). */
  async resend(ctx: RequestContext): Promise<VerificationLinkOutcome> {
    const unavailable = this.unavailableReason;
    if (unavailable) throw new AppError('NOT_READY', unavailable);
    const user = await this.uow.repos.users.findById(ctx.actor.userId);
    if (!user) throw notFound('User', ctx.actor.userId, 'Your account was not found');
    if (!user.email)
      throw new AppError('VALIDATION_FAILED', 'Your account has no email address; set one first', [
        { path: 'email', message: 'not set' },
      ]);
    if (user.email_verified_at)
      throw new AppError('CONFLICT', `${user.email} is already verified`, [
        { path: 'email', message: 'already verified' },
      ]);
    const last = await this.uow.repos.emailVerifications.lastIssuedAt(user.id);
    const wait = last
      ? Math.ceil((last.getTime() + this.opts.resendIntervalSeconds * 1000 - this.clock().getTime()) / 1000)
      : 0;
    if (wait > 0)
      throw new AppError('RATE_LIMITED', `A link was sent moments ago; try again in ${wait} s`, undefined, wait);
    try {
      return await this.issueAndSend(user);
    } catch (err) {
      throw new AppError('NOT_READY', `The verification link could not be sent: ${(err as Error).message}`);
    }
  }

  /** Consumes a link's secret: marks the address verified and hands it the invitations waiting for it. */
  async verify(token: string, requestId?: string): Promise<{ user: UserRow; invitations: number }> {
    const now = this.clock();
    return this.uow.transaction(async (repos) => {
      const row = await repos.emailVerifications.findForUpdate(digest(token));
      if (!row) throw badToken('This verification link is not valid (it may have been replaced by a newer one)');
      if (row.used_at) throw badToken('This verification link was already used');
      if (row.expires_at.getTime() <= now.getTime())
        throw badToken('This verification link has expired; sign in and ask for a new one');
      await repos.emailVerifications.markUsed(row.id, now);
      const user = await repos.emailVerifications.markVerified(row.user_id, row.email, now);
      if (!user) throw badToken('The address of this account changed after the link was sent');
      const ctx: RequestContext = {
        actor: { userId: user.id, username: user.username, isAdmin: false, via: 'system' },
        requestId,
      };
      await audit(repos, ctx, 'verify_email', 'user', user.id, undefined, { email: user.email, via: 'link' });
      const invitations = await this.listener.claimForVerifiedEmail(repos, ctx, user);
      return { user, invitations };
    });
  }

  /** An administrator vouches for the address, in the caller's transaction (UserService). */
  async markVerifiedByAdmin(repos: Repositories, ctx: RequestContext, user: UserRow): Promise<UserRow> {
    if (!user.email)
      throw new AppError('VALIDATION_FAILED', 'There is no email address to mark verified', [
        { path: 'emailVerified', message: 'the user has no email address' },
      ]);
    const verified = (await repos.emailVerifications.markVerified(user.id, user.email, this.clock())) ?? user;
    await repos.emailVerifications.discardUnused(user.id);
    await audit(repos, ctx, 'verify_email', 'user', user.id, undefined, { email: user.email, via: 'administrator' });
    await this.listener.claimForVerifiedEmail(repos, ctx, verified);
    return verified;
  }

  private async issueAndSend(user: UserRow): Promise<VerificationLinkOutcome> {
    const secret = newSecret('vev_', 32);
    const expiresAt = new Date(this.clock().getTime() + this.opts.ttlHours * 3_600_000);
    // One transaction: the older links go and the new one comes together (and a keyed request claims its key).
    await this.uow.transaction((repos) =>
      repos.emailVerifications.issue({ userId: user.id, email: user.email, tokenHash: digest(secret), expiresAt }),
    );
    const link = `${this.opts.publicUrl}${VERIFY_EMAIL_PATH}?token=${encodeURIComponent(secret)}`;
    await this.mailer!.sendMessage(verificationEmail(user, link, this.opts.ttlHours));
    return { sent: true, email: user.email, expiresAt: expiresAt.toISOString() };
  }
}

function badToken(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: 'token', message }]);
}

function verificationEmail(user: UserRow, link: string, ttlHours: number): PlainEmail {
  const intro =
    `Someone (hopefully you) set ${user.email} as the email address of the Vigil account ` + `"${user.username}".`;
  const ask = `Open this link within ${ttlHours} hours to confirm that the address is yours:`;
  const ignore = 'If this was not you, ignore this message: the address stays unverified.';
  return {
    to: user.email,
    subject: '[Vigil] Confirm your email address',
    text: `${intro}\n\n${ask}\n${link}\n\n${ignore}\n`,
    html:
      '<!doctype html><html><body style="font-family:sans-serif">' +
      `<p>${escapeHtml(intro)}</p><p>${escapeHtml(ask)}</p>` +
      `<p><a href="${escapeHtml(link)}">Confirm ${escapeHtml(user.email)}</a></p>` +
      `<p style="color:#888;font-size:12px">${escapeHtml(ignore)}</p></body></html>`,
  };
}
