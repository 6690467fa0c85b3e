import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentSubscription } from '@vigil/core';
import {
  ZIdParams,
  ZNoContent,
  ZNotificationSubscription,
  ZNotificationSubscriptionList,
  ZSaveSubscriptionRequest,
  ZSubscriptionQuery,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** The caller's own subscriptions, or (with teamId) their team's. */
export function notificationSubscriptionRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/v1/notification-subscriptions',
    { schema: { tags, querystring: ZSubscriptionQuery, response: { 200: ZNotificationSubscriptionList } } },
    async (req) => ({
      items: (await s.notifications.listSubscriptions(ctx(req), req.query.teamId)).map(presentSubscription),
    }),
  );
  r.put(
    '/api/v1/notification-subscriptions',
    { schema: { tags, body: ZSaveSubscriptionRequest, response: { 200: ZNotificationSubscription } } },
    async (req) => presentSubscription(await s.notifications.saveSubscription(ctx(req), req.body)),
  );
  r.delete(
    '/api/v1/notification-subscriptions/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.notifications.deleteSubscription(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
