import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, presentFeedPost, type FeedPostPresentation } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth-hook.ts';
import { FEED_LIVE_SCRIPT, socketIoClientScript } from './feed-live.script.ts';
import {
  PAGES,
  errorPage,
  followBox,
  layout,
  loginForm,
  messageList,
  postForm,
  type Viewer,
} from './feed-pages.templates.ts';

const FLASH_COOKIE = 'vigil_flash';
const PER_PAGE = 30;

type Form = Record<string, string>;
type PageRequest = FastifyRequest<{ Body: Form; Params: { username: string }; Querystring: { cursor?: string } }>;

/**
 * MiniTwit's web pages, server-rendered under /feed (so they never shadow /api, /healthz, /metrics,
 * /assets or the React app): /feed/public, /feed/<username>, /feed (my timeline), /feed/login,
 * /feed/logout. They use Vigil's session cookie; forms carry the session's CSRF token in `_csrf`,
 * which is handed to the global auth hook as X-CSRF-Token before it checks it.
 */
export function feedPageRoutes(
  app: FastifyInstance,
  s: Services,
  opts: { cookieSecure: 'true' | 'false' | 'auto' },
): void {
  void app.register(
    async (pages) => {
      pages.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 64 * 1024 },
        (_req, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        },
      );
      pages.addHook('preValidation', async (req) => {
        const token = (req.body as Form | undefined)?._csrf;
        if (req.method === 'POST' && typeof token === 'string') req.headers['x-csrf-token'] = token;
      });
      pages.setErrorHandler((err: FastifyError, req, reply) => {
        const status =
          err instanceof AppError ? err.status : err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) req.log.error({ err, reqId: req.id }, 'unhandled error');
        const message = status === 500 ? `Internal error; quote request id ${req.id} when reporting it` : err.message;
        void reply
          .status(status)
          .type('text/html; charset=utf-8')
          .send(errorPage(viewerOf(req), status, message));
      });

      pages.get('/', async (req: PageRequest, reply) => {
        const viewer = viewerOf(req);
        if (!viewer || !req.actor) return reply.redirect(`${PAGES}/public`);
        const page = await s.feed.personalTimeline(
          { actor: req.actor, requestId: req.id },
          { limit: PER_PAGE, cursor: req.query.cursor },
        );
        const body = postForm(viewer) + list(page, PAGES);
        const live = req.query.cursor ? undefined : { kind: 'personal' as const, ...(await followedFor(s, req.actor)) };
        return html(reply, layout('My timeline', viewer, takeFlash(req, reply), body, live));
      });
      pages.get('/assets/live.js', async (_req, reply) =>
        reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(FEED_LIVE_SCRIPT),
      );
      pages.get('/assets/socket.io.min.js', async (_req, reply) =>
        reply
          .header('cache-control', 'public, max-age=3600')
          .type('text/javascript; charset=utf-8')
          .send(socketIoClientScript()),
      );
      pages.get('/public', async (req: PageRequest, reply) => {
        const viewer = viewerOf(req);
        // Visitors who are not signed in see only feed-only accounts' posts (docs/feed.md).
        const q = { limit: PER_PAGE, cursor: req.query.cursor };
        const page = req.actor ? await s.feed.publicTimeline(q) : await s.feed.feedOnlyPublicTimeline(q);
        return html(
          reply,
          layout(
            'Public timeline',
            viewer,
            takeFlash(req, reply),
            list(page, `${PAGES}/public`),
            req.query.cursor ? undefined : { kind: 'public' },
          ),
        );
      });
      pages.get('/login', async (req: PageRequest, reply) => {
        if (viewerOf(req)) return reply.redirect(PAGES);
        return html(
          reply,
          layout('Sign in', null, takeFlash(req, reply), loginForm(null, '', req.cookies[CSRF_COOKIE] ?? null)),
        );
      });
      pages.post('/login', async (req: PageRequest, reply) => {
        const username = String(req.body?.username ?? '');
        try {
          const session = await s.auth.login(
            username,
            String(req.body?.password ?? ''),
            req.ip,
            req.headers['user-agent'],
          );
          const secure = opts.cookieSecure === 'auto' ? req.protocol === 'https' : opts.cookieSecure === 'true';
          const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
          reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
          reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
          return flashAndRedirect(reply, 'You were logged in', PAGES);
        } catch (err) {
          if (!(err instanceof AppError) || !['INVALID_CREDENTIALS', 'RATE_LIMITED'].includes(err.code)) throw err;
          const message = err.code === 'INVALID_CREDENTIALS' ? 'Invalid username or password' : err.message;
          return html(
            reply.status(err.status),
            layout('Sign in', null, [], loginForm(message, username, req.cookies[CSRF_COOKIE] ?? null)),
          );
        }
      });
      pages.post('/logout', async (req: PageRequest, reply) => {
        const cookie = req.cookies[SESSION_COOKIE];
        if (cookie && req.actor) await s.auth.logout(cookie);
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return flashAndRedirect(reply, 'You were logged out', `${PAGES}/public`);
      });
      pages.post('/add_message', async (req: PageRequest, reply) => {
        if (!req.actor) return reply.redirect(`${PAGES}/login`);
        try {
          await s.feed.post({ actor: req.actor, requestId: req.id }, String(req.body?.text ?? ''));
        } catch (err) {
          if (err instanceof AppError && err.code === 'VALIDATION_FAILED')
            return flashAndRedirect(reply, err.message, PAGES);
          throw err;
        }
        return flashAndRedirect(reply, 'Your message was recorded', PAGES);
      });
      pages.post('/:username/follow', async (req: PageRequest, reply) => {
        if (!req.actor) return reply.redirect(`${PAGES}/login`);
        const user = await s.feed.followUser({ actor: req.actor, requestId: req.id }, req.params.username);
        return flashAndRedirect(reply, `You are now following "${user.username}"`, profileUrl(user.username));
      });
      pages.post('/:username/unfollow', async (req: PageRequest, reply) => {
        if (!req.actor) return reply.redirect(`${PAGES}/login`);
        const user = await s.feed.unfollowUser({ actor: req.actor, requestId: req.id }, req.params.username);
        return flashAndRedirect(reply, `You are no longer following "${user.username}"`, profileUrl(user.username));
      });
      pages.get('/:username', async (req: PageRequest, reply) => {
        const viewer = viewerOf(req);
        const q = { limit: PER_PAGE, cursor: req.query.cursor };
        const { user, page } = req.actor
          ? await s.feed.userTimeline(req.params.username, q)
          : await s.feed.anonymousUserTimeline(req.params.username, q);
        let box = '';
        if (viewer && req.actor) {
          box =
            req.actor.userId === user.id
              ? '<div class="followstatus">This is you!</div>'
              : followBox(viewer, user.username, await s.feed.isFollowing({ actor: req.actor }, user.id));
        }
        const live = req.query.cursor ? undefined : { kind: 'user' as const, username: user.username };
        return html(
          reply,
          layout(
            `${user.username}'s timeline`,
            viewer,
            takeFlash(req, reply),
            box + list(page, profileUrl(user.username)),
            live,
          ),
        );
      });
    },
    { prefix: PAGES },
  );
}

function viewerOf(req: FastifyRequest): Viewer | null {
  return req.actor ? { username: req.actor.username, csrfToken: req.cookies[CSRF_COOKIE] ?? '' } : null;
}

function profileUrl(username: string): string {
  return `${PAGES}/${encodeURIComponent(username)}`;
}

/** Whom and which products the viewer follows, for the personal timeline's live filter. */
async function followedFor(
  s: Services,
  actor: NonNullable<FastifyRequest['actor']>,
): Promise<{ follows: string[]; products: number[] }> {
  const f = await s.feed.following({ actor });
  return { follows: f.users, products: f.products.map((p) => p.id) };
}

function list(
  page: { items: Parameters<typeof presentFeedPost>[0][]; nextCursor: string | null },
  base: string,
): string {
  const posts: FeedPostPresentation[] = page.items.map(presentFeedPost);
  return messageList(posts, page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null);
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function flashAndRedirect(reply: FastifyReply, message: string, to: string): FastifyReply {
  reply.setCookie(FLASH_COOKIE, message.slice(0, 300), { path: PAGES, httpOnly: true, sameSite: 'lax' });
  return reply.redirect(to, 303);
}

function takeFlash(req: FastifyRequest, reply: FastifyReply): string[] {
  const message = req.cookies[FLASH_COOKIE];
  if (!message) return [];
  reply.clearCookie(FLASH_COOKIE, { path: PAGES });
  return [message];
}
