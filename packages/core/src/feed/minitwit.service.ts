import { createHash, timingSafeEqual } from 'node:crypto';
import type { FeedPostView, UnitOfWork, UserRow } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { UserService } from '../user/user.service.ts';
import type { FeedService } from './feed.service.ts';
import { LatestWriter } from './latest-writer.ts';
import { MAX_POST_LENGTH } from '@vigil/contract/values';

/** MiniTwit answers `no` up to this many rows; the simulator asks for 100 at most. */
export const MAX_MINITWIT_ROWS = 1000;
export const DEFAULT_MINITWIT_ROWS = 100;
export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to use this resource!';
/** SHA-256 of the course's published simulator credential, to warn about it without holding it. */
const PUBLISHED_CREDENTIAL_SHA256 = '6d0530ece5d2b099cf677c216a59335cc2a4e48a043bd1750ae23ea22f975f9b';

const USERNAME = /^[A-Za-z0-9_.@+-]([A-Za-z0-9_.@+ -]{0,148}[A-Za-z0-9_.@+-])?$/;

export interface MinitwitRegistration {
  username?: unknown;
  email?: unknown;
  pwd?: unknown;
}

/**
 * The MiniTwit simulator API on top of the feed, off unless it is given its credential
 * (VIGIL_MINITWIT_SIMULATOR=on with VIGIL_MINITWIT_SIM_AUTH). It acts only on feed-only accounts:
 * the ones it registers (argon2id passwords through UserService, MiniTwit's laxer rules), which
 * never sign in to the workspace. A workspace user is, to the simulator, an unknown user.
 * Errors are AppErrors whose message is MiniTwit's exact `error_msg`.
 */
export class MinitwitService {
  private readonly expectedAuthorization: Buffer | undefined;
  private readonly latestWriter: LatestWriter;
  /** The configured credential is the course's published one (anyone can read it): warn at start. */
  readonly usesPublishedCredential: boolean;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserService,
    private readonly feed: FeedService,
    /** `user:password`; undefined = the simulator API is off. */
    simulatorCredentials: string | undefined,
  ) {
    this.expectedAuthorization = simulatorCredentials
      ? Buffer.from(Buffer.from(simulatorCredentials).toString('base64'))
      : undefined;
    this.usesPublishedCredential =
      !!simulatorCredentials &&
      createHash('sha256').update(simulatorCredentials).digest('hex') === PUBLISHED_CREDENTIAL_SHA256;
    this.latestWriter = new LatestWriter((value) => this.uow.repos.feed.setLatest(value));
  }

  /** True when the simulator API is on (its routes exist). */
  get enabled(): boolean {
    return this.expectedAuthorization !== undefined;
  }

  /**
   * Throws 403 unless the Authorization header carries the simulator's Basic credentials. The
   * scheme is matched in any case (`Basic`, `basic`, `BASIC`: RFC 9110 §11.1); the credentials
   * themselves are compared timing-safe.
   */
  authorize(header: string | undefined): void {
    const expected = this.expectedAuthorization;
    const given = Buffer.from(/^basic +(\S+)$/i.exec(header ?? '')?.[1] ?? '');
    const ok = !!expected && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) throw new AppError('FORBIDDEN', NOT_AUTHORIZED_MESSAGE);
  }

  latest(): Promise<number> {
    return this.uow.repos.feed.latest();
  }

  /** Stores the `latest` query value when it is an integer other than -1 (MiniTwit's default). */
  async recordLatest(raw: unknown): Promise<void> {
    if (typeof raw !== 'string' || !/^-?\d{1,18}$/.test(raw)) return;
    const value = Number(raw);
    if (value === -1 || !Number.isSafeInteger(value)) return;
    await this.latestWriter.record(value);
  }

  async register(input: MinitwitRegistration): Promise<void> {
    const username = typeof input.username === 'string' ? input.username : '';
    const email = typeof input.email === 'string' ? input.email : '';
    const pwd = typeof input.pwd === 'string' ? input.pwd : '';
    if (!username) throw invalid('You have to enter a username');
    if (!email.includes('@')) throw invalid('You have to enter a valid email address');
    if (!pwd) throw invalid('You have to enter a password');
    if (await this.uow.repos.users.findByUsername(username)) throw invalid('The username is already taken');
    if (!USERNAME.test(username))
      throw invalid('The username may only contain letters, digits, inner spaces and _ . @ + -');
    if (email.length > 254) throw invalid('You have to enter a valid email address');
    if (pwd.length > 1024) throw invalid('The password is too long');
    try {
      await this.users.insert(
        { actor: SYSTEM_ACTOR },
        { username, email, password: pwd, feedOnly: true },
        { passwordRules: false },
      );
    } catch (err) {
      // Only the username can collide: as in MiniTwit, addresses need not be unique, and a feed-only
      // account's address never collides with a workspace account's (so the answer reveals none).
      if (err instanceof AppError && err.code === 'CONFLICT') throw invalid('The username is already taken');
      throw err;
    }
  }

  /** Feed-only accounts' posts only: a workspace user's post never appears here. */
  publicMessages(no: number): Promise<FeedPostView[]> {
    return this.uow.repos.feed.feedOnlyPublicTimeline({ limit: rows(no) }).then((p) => p.items);
  }

  async userMessages(username: string, no: number): Promise<FeedPostView[]> {
    const user = await this.requireUser(username);
    return (await this.uow.repos.feed.userTimeline(user.id, { limit: rows(no) })).items;
  }

  /** One statement finds the author and inserts the post; an unknown user is a 404 before any 400. */
  async tweet(username: string, content: unknown): Promise<void> {
    const text = typeof content === 'string' ? content : '';
    const problem = !text.trim()
      ? 'You have to enter a message'
      : text.length > MAX_POST_LENGTH
        ? `A message has at most ${MAX_POST_LENGTH} characters`
        : undefined;
    if (problem) {
      await this.requireUser(username);
      throw invalid(problem);
    }
    if (!(await this.feed.postAsFeedOnlyUser(username, text))) throw userNotFound();
  }

  async follows(username: string, no: number): Promise<string[]> {
    const user = await this.requireUser(username);
    return this.uow.repos.feed.followeeNames(user.id, rows(no));
  }

  /** `{follow: name}` or `{unfollow: name}`; 404 when either user is unknown or a workspace user. */
  async changeFollow(username: string, body: { follow?: unknown; unfollow?: unknown }): Promise<void> {
    const follow = typeof body.follow === 'string';
    const targetName = follow ? body.follow : body.unfollow;
    if (typeof targetName !== 'string') {
      await this.requireUser(username);
      throw invalid('You have to give "follow" or "unfollow"');
    }
    // Both users in one lookup; the follower is checked first, as before.
    const who = username.toLowerCase();
    const whom = targetName.toLowerCase();
    const ids = await this.uow.repos.feed.activeFeedOnlyUserIds(who === whom ? [who] : [who, whom]);
    const userId = ids.get(who);
    const targetId = ids.get(whom);
    if (userId === undefined || targetId === undefined) throw userNotFound();
    if (follow) {
      if (targetId === userId) throw invalid('You cannot follow yourself');
      await this.uow.repos.feed.follow(userId, targetId);
    } else {
      await this.uow.repos.feed.unfollow(userId, targetId);
    }
  }

  /** The active feed-only account with this name; a workspace user answers as an unknown one. */
  private async requireUser(username: string): Promise<UserRow> {
    const user = await this.uow.repos.users.findByUsername(username);
    if (!user?.is_active || !user.feed_only) throw userNotFound();
    return user;
  }
}

/** MiniTwit's wire answer names no one: `{status: 404, error_msg: 'The user was not found'}`. */
function userNotFound(): AppError {
  return notFound('User', '', 'The user was not found');
}

function invalid(message: string): AppError {
  return new AppError('BAD_REQUEST', message);
}

function rows(no: number): number {
  return Number.isFinite(no) ? Math.min(Math.max(0, Math.floor(no)), MAX_MINITWIT_ROWS) : DEFAULT_MINITWIT_ROWS;
}
