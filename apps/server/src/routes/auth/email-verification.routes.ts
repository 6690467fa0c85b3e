import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, VERIFY_EMAIL_PATH, escapeHtml } from '@vigil/core';
import {
  ZHtmlPage,
  ZVerificationLinkOutcome,
  ZVerifyEmailAnswer,
  ZVerifyEmailQuery,
  ZVerifyEmailRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { CSRF_COOKIE } from '../../http/auth-hook.ts';

const isForm = (req: FastifyRequest) =>
  (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * Address verification (docs/api.md, "Email addresses"). The emailed link opens GET, which only
 * shows a confirmation button (mail scanners that fetch links consume nothing); the button, or any
 * client, POSTs the token, which is used once. Resending needs a signed-in user.
 */
export function emailVerificationRoutes(app: FastifyInstance, s: Services): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4 * 1024 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    scope.addHook('preValidation', async (req) => {
      const token = (req.body as { _csrf?: unknown } | undefined)?._csrf;
      if (req.method === 'POST' && typeof token === 'string') req.headers['x-csrf-token'] = token;
    });
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      if (!isForm(req) && req.method !== 'GET') throw err; // JSON clients: the app's error answer
      const status =
        err instanceof AppError ? err.status : err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err, reqId: req.id }, 'unhandled error');
      const message = status === 500 ? `Internal error; quote request id ${req.id} when reporting it` : err.message;
      return page(reply.status(status), 'Email address not verified', `<p>${escapeHtml(message)}</p>`);
    });

    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];
    r.get(
      VERIFY_EMAIL_PATH,
      {
        config: { public: true, secretPath: true },
        schema: { tags, querystring: ZVerifyEmailQuery, response: { 200: ZHtmlPage } },
      },
      async (req, reply) => {
        const csrf = req.actor ? req.cookies[CSRF_COOKIE] : undefined;
        return page(
          reply,
          'Confirm your email address',
          `<form method="post" action="${VERIFY_EMAIL_PATH}"><input type="hidden" name="token" ` +
            `value="${escapeHtml(req.query.token)}">${
              csrf ? `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">` : ''
            }<button type="submit">Confirm my email address</button></form>`,
        );
      },
    );
    r.post(
      VERIFY_EMAIL_PATH,
      { config: { public: true }, schema: { tags, body: ZVerifyEmailRequest, response: { 200: ZVerifyEmailAnswer } } },
      async (req, reply) => {
        const { user, invitations } = await s.emailVerification.verify(req.body.token, req.id);
        if (isForm(req)) {
          const waiting = invitations
            ? ` ${invitations} team invitation${invitations === 1 ? '' : 's'} waiting for ` +
              `it ${invitations === 1 ? 'is' : 'are'} now yours.`
            : '';
          return page(
            reply,
            'Email address verified',
            `<p>${escapeHtml(`${user.email} is verified for the account "${user.username}".${waiting}`)}</p><p><a ` +
              `href="/">Open Vigil</a></p>`,
          );
        }
        return {
          verified: true as const,
          user: { id: user.id, username: user.username, email: user.email },
          invitationsReceived: invitations,
        };
      },
    );
    r.post(
      `${VERIFY_EMAIL_PATH}/resend`,
      { schema: { tags, response: { 202: ZVerificationLinkOutcome } } },
      async (req, reply) => reply.status(202).send(await s.emailVerification.resend(ctx(req))),
    );
  });
}

function page(reply: FastifyReply, title: string, body: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - ` +
        `Vigil</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}
