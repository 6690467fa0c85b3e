import type { Page, UnitOfWork, UserRow } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { isForeignKeyViolation, isUniqueViolation, paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { CreateUserInput, UserListFilters } from '@vigil/contract';
import { hashPassword } from '../auth/password.ts';
import { authorizePasswordChange, checkPassword, type CurrentPasswordCheck } from './password-change.ts';
import { presentUser } from './user.presenter.ts';
import { checkEmailVerifiedFlag, emailChanges, promotionEmailConflict, userUniqueConflict } from './user-email.ts';
import type { EmailVerificationService, VerificationLinkOutcome } from './email-verification.service.ts';
import { feedOnlyHoldsNoRole } from './feed-only.ts';
import { userPolicy } from './user.policy.ts';

/**
 * A validated create request (the API contract's); `feedOnly` is set only by the MiniTwit simulator
 * API's registration: a feed-only account never signs in and holds no role.
 */
export type UserInput = CreateUserInput & { feedOnly?: boolean };

export class UserService {
  constructor(
    private readonly uow: UnitOfWork,
    /** Sends the verification link of a new address; without it no link is sent. */
    private readonly emailVerification?: EmailVerificationService,
    /** Verifies `currentPassword` under the login throttle; without it the password is only verified. */
    private readonly checkCurrentPassword?: CurrentPasswordCheck,
  ) {}

  list(ctx: RequestContext, q: UserListFilters): Promise<Page<UserRow>> {
    adminPolicy.authorize(ctx.actor, 'list', 'user');
    return paged(() => this.uow.repos.users.list(q));
  }

  async get(ctx: RequestContext, id: number): Promise<UserRow> {
    userPolicy.authorize(ctx.actor, 'read', { id });
    const user = await this.uow.repos.users.findById(id);
    if (!user) throw notFound('User', id);
    return user;
  }

  /** By an administrator; a new unverified address is sent its verification link (outcome in `emailVerification`). */
  async create(
    ctx: RequestContext,
    input: UserInput,
    opts: { passwordRules?: boolean } = {},
  ): Promise<UserRow & { emailVerification?: VerificationLinkOutcome }> {
    adminPolicy.authorize(ctx.actor, 'create', 'user');
    const user = await this.insert(ctx, input, opts);
    return user.email && !user.email_verified_at
      ? { ...user, emailVerification: await this.sendVerificationLink(user) }
      : user;
  }

  /** Creation without an acting admin: first start, CLI, and the MiniTwit register endpoint. */
  async insert(ctx: RequestContext, input: UserInput, opts: { passwordRules?: boolean } = {}): Promise<UserRow> {
    checkEmailVerifiedFlag(ctx, input.emailVerified, input.email ?? '');
    if (input.password !== undefined && opts.passwordRules !== false) checkPassword(input.password, input);
    if (input.feedOnly && input.isAdmin) throw feedOnlyHoldsNoRole(input.username, 'isAdmin');
    const password_hash = input.password !== undefined ? await hashPassword(input.password) : null;
    return this.uow.transaction(async (repos) => {
      try {
        const user = await repos.users.insert({
          username: input.username,
          email: input.email ?? '',
          first_name: input.firstName ?? '',
          last_name: input.lastName ?? '',
          password_hash,
          is_admin: input.isAdmin ?? false,
          is_active: input.isActive ?? true,
          feed_only: input.feedOnly ?? false,
        });
        await audit(repos, ctx, 'create', 'user', user.id, undefined, presentUser(user));
        if (input.emailVerified && this.emailVerification)
          return await this.emailVerification.markVerifiedByAdmin(repos, ctx, user);
        return user;
      } catch (err) {
        if (isUniqueViolation(err)) throw userUniqueConflict(err, input);
        throw err;
      }
    });
  }

  /**
   * A changed address loses its verification and is sent a new link (outcome in `emailVerification`).
   * A password change by the user themself needs
   * `currentPassword` and ends their other sessions (`opts.currentSessionToken` survives); one by an
   * administrator ends all of the user's sessions.
   */
  async update(
    ctx: RequestContext,
    id: number,
    input: Partial<UserInput> & { currentPassword?: string },
    opts: { currentSessionToken?: string } = {},
  ): Promise<UserRow & { emailVerification?: VerificationLinkOutcome }> {
    const before = await this.get(ctx, id);
    checkEmailVerifiedFlag(ctx, input.emailVerified, input.email ?? before.email);
    const emailChanged = emailChanges(before, input.email);
    if (input.isAdmin !== undefined || input.isActive !== undefined || input.username !== undefined)
      userPolicy.authorize(ctx.actor, 'change_rights', before);
    if (before.feed_only && input.isAdmin) throw feedOnlyHoldsNoRole(before.username, 'isAdmin');
    const { keepSessionId } =
      input.password !== undefined
        ? await authorizePasswordChange(
            ctx,
            before,
            { ...input, password: input.password },
            opts.currentSessionToken,
            this.checkCurrentPassword,
          )
        : {};
    const password_hash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    const updated = await this.uow.transaction(async (repos) => {
      try {
        let user = await repos.users.update(id, {
          ...(emailChanged || input.emailVerified === false ? { email_verified_at: null } : {}),
          username: input.username,
          email: input.email,
          first_name: input.firstName,
          last_name: input.lastName,
          is_admin: input.isAdmin,
          is_active: input.isActive,
          password_hash,
        });
        if (!user) throw notFound('User', id);
        // Deactivation ends every session of the user; a changed password every one but the changer's own.
        if (password_hash || input.isActive === false)
          await repos.sessions.deleteForUser(id, input.isActive === false ? undefined : keepSessionId);
        // Links sent to the previous address stop working.
        if (emailChanged || input.emailVerified === false) await repos.emailVerifications.discardUnused(id);
        await audit(repos, ctx, 'update', 'user', id, presentUser(before), presentUser(user));
        if (input.emailVerified && !user.email_verified_at && this.emailVerification)
          user = await this.emailVerification.markVerifiedByAdmin(repos, ctx, user);
        return user;
      } catch (err) {
        if (isUniqueViolation(err)) throw userUniqueConflict(err, { username: input.username, email: input.email });
        throw err;
      }
    });
    if (!emailChanged || !updated.email || updated.email_verified_at) return updated;
    return { ...updated, emailVerification: await this.sendVerificationLink(updated) };
  }

  private sendVerificationLink(user: UserRow): Promise<VerificationLinkOutcome> {
    if (!this.emailVerification)
      return Promise.resolve({
        sent: false,
        email: user.email,
        reason: 'Email verification is not wired in this process',
      });
    return this.emailVerification.sendLink(user);
  }

  /**
   * Makes a feed-only account a workspace account (admins only): it may then sign in, with this
   * new password, which must meet the password rules. Its feed posts leave the feed-only lists.
   * Refused (409 on `email`, nothing changed) while a workspace account holds the same address:
   * change or clear the feed-only account's address first.
   */
  async promote(ctx: RequestContext, id: number, password: string): Promise<UserRow> {
    adminPolicy.authorize(ctx.actor, 'promote', 'user');
    const before = await this.get(ctx, id);
    if (!before.feed_only) throw new AppError('CONFLICT', `User "${before.username}" is already a workspace account`);
    checkPassword(password, {
      username: before.username,
      email: before.email,
      firstName: before.first_name,
      lastName: before.last_name,
    });
    const password_hash = await hashPassword(password);
    try {
      return await this.uow.transaction(async (repos) => {
        const user = await repos.users.update(id, { feed_only: false, password_hash });
        if (!user) throw notFound('User', id);
        await repos.feed.markAuthorPostsWorkspace(id);
        await repos.sessions.deleteForUser(id);
        await audit(repos, ctx, 'promote', 'user', id, presentUser(before), presentUser(user));
        return user;
      });
    } catch (err) {
      // A feed-only account's address may equal a workspace account's; as a workspace account it may not.
      if (isUniqueViolation(err)) throw promotionEmailConflict(before);
      throw err;
    }
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    adminPolicy.authorize(ctx.actor, 'delete', 'user');
    if (id === ctx.actor.userId) throw new AppError('CONFLICT', 'You cannot delete your own account');
    const before = await this.get(ctx, id);
    try {
      await this.uow.transaction(async (repos) => {
        await repos.users.delete(id);
        await audit(repos, ctx, 'delete', 'user', id, presentUser(before));
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) {
        throw new AppError(
          'CONFLICT',
          `User ${id} still owns risk acceptances; hand them to someone else or deactivate the user instead`,
        );
      }
      throw err;
    }
  }
}
