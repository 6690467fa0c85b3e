import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, DEFAULT_MINITWIT_ROWS, presentMinitwitMessage } from '@vigil/core';
import { ZMinitwitError, ZMinitwitFollows, ZMinitwitLatest, ZMinitwitMessages, ZNoContent } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { sendCachedJson } from '../../cache/cached-json.ts';

interface UserParams {
  username: string;
}
interface SimulatorQuery {
  latest?: string;
  no?: string;
}
interface SimulatorRoute {
  Params: UserParams;
  Querystring: SimulatorQuery;
  Body: Record<string, unknown> | null;
}

/**
 * The MiniTwit simulator API, reproduced exactly: Basic credentials instead of Vigil sessions
 * (so the routes are `public` to the auth hook), MiniTwit's error shape {status, error_msg},
 * and the `latest` query parameter stored by every request before anything else happens.
 * Mounted in its own plugin so its error handler applies only here.
 *
 * Off unless configured (VIGIL_MINITWIT_SIMULATOR=on with VIGIL_MINITWIT_SIM_AUTH): then every path
 * under the prefix answers the app's ordinary 404, as if the API did not exist.
 */
export function minitwitRoutes(app: FastifyInstance, s: Services, prefix: string): void {
  const open = { config: { public: true }, schema: { hide: true } };
  if (!s.minitwit.enabled) {
    // The app's own 404 (reply.callNotFound would run the auth hook first and answer 401).
    const absent = async (req: FastifyRequest) => {
      throw new AppError('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`);
    };
    void app.register(
      async (api) => {
        api.all('/', open, absent);
        api.all('/*', open, absent);
      },
      { prefix },
    );
    return;
  }
  if (s.minitwit.usesPublishedCredential) {
    app.log.warn(
      "VIGIL_MINITWIT_SIM_AUTH is the MiniTwit course's published simulator credential: anyone who knows the course " +
        'can post and follow as every feed-only account; set your own',
    );
  }
  void app.register(
    async (api) => {
      api.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));
      api.addHook('onRequest', async (req) => {
        await s.minitwit.recordLatest((req.query as SimulatorQuery).latest);
      });
      const simulator = async (req: FastifyRequest) => s.minitwit.authorize(req.headers.authorization);
      // MiniTwit's answers, serialized through the contract's schemas (hidden from OpenAPI like the
      // routes); every error is MiniTwit's {status, error_msg}.
      const answers = (ok: Record<number, z.ZodType>) => ({
        ...open,
        schema: { hide: true, response: { ...ok, '4xx': ZMinitwitError, '5xx': ZMinitwitError } },
      });
      const noContent = answers({ 204: ZNoContent });

      api.get('/latest', answers({ 200: ZMinitwitLatest }), async () => ({ latest: await s.minitwit.latest() }));
      api.post<SimulatorRoute>('/register', noContent, async (req, reply) => {
        await s.minitwit.register(req.body ?? {});
        return reply.status(204).send();
      });
      // Message lists come from the response cache while no post or user changes; the key leaves
      // out `latest`, which onRequest has already stored.
      const topics = ['feed', 'access'] as const;
      // The lists are cached JSON bytes (no serializer): the schema documents them, the presenter's type checks them.
      const messages = { ...answers({ 200: ZMinitwitMessages }), preHandler: simulator };
      api.get<SimulatorRoute>('/msgs', messages, async (req, reply) => {
        const no = rowsWanted(req.query.no);
        return sendCachedJson(
          req,
          reply,
          topics,
          async () => (await s.minitwit.publicMessages(no)).map(presentMinitwitMessage),
          `minitwit msgs ${no}`,
        );
      });
      api.get<SimulatorRoute>('/msgs/:username', messages, async (req, reply) => {
        const no = rowsWanted(req.query.no);
        const user = req.params.username;
        return sendCachedJson(
          req,
          reply,
          topics,
          async () => (await s.minitwit.userMessages(user, no)).map(presentMinitwitMessage),
          `minitwit msgs ${no} ${user}`,
        );
      });
      api.post<SimulatorRoute>('/msgs/:username', { ...noContent, preHandler: simulator }, async (req, reply) => {
        await s.minitwit.tweet(req.params.username, req.body?.content);
        return reply.status(204).send();
      });
      const follows = { ...answers({ 200: ZMinitwitFollows }), preHandler: simulator };
      api.get<SimulatorRoute>('/fllws/:username', follows, async (req) => ({
        follows: await s.minitwit.follows(req.params.username, rowsWanted(req.query.no)),
      }));
      api.post<SimulatorRoute>('/fllws/:username', { ...noContent, preHandler: simulator }, async (req, reply) => {
        await s.minitwit.changeFollow(req.params.username, req.body ?? {});
        return reply.status(204).send();
      });
    },
    { prefix },
  );
}

function rowsWanted(no: string | undefined): number {
  return no !== undefined && /^\d{1,9}$/.test(no) ? Number(no) : DEFAULT_MINITWIT_ROWS;
}

function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  let status: number;
  let message: string;
  if (err instanceof AppError) {
    status = err.status;
    message = err.message;
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    status = err.statusCode;
    message = err.message;
  } else {
    status = 500;
    message = `Internal error; quote request id ${req.id} when reporting it`;
    req.log.error({ err, reqId: req.id }, 'unhandled error');
  }
  void reply.status(status).send({ status, error_msg: message });
}
