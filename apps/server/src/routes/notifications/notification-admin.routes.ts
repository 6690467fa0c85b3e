import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentChannel, presentDelivery, presentSubscription } from '@vigil/core';
import {
  ZChannelTest,
  ZCreateChannelRequest,
  ZIdParams,
  ZNoContent,
  ZNotificationChannel,
  ZNotificationChannelDetail,
  ZNotificationChannelList,
  ZNotificationSubscription,
  ZNotificationSubscriptionList,
  ZSaveDefaultSubscriptionRequest,
  ZUpdateChannelRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** Administrators: system-wide defaults and shared channels (credentials write-only). */
export function notificationAdminRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications (admin)'];
  const params = ZIdParams;
  r.get(
    '/api/v1/admin/notification-defaults',
    { schema: { tags, response: { 200: ZNotificationSubscriptionList } } },
    async (req) => ({ items: (await s.notificationDefaults.list(ctx(req))).map(presentSubscription) }),
  );
  r.put(
    '/api/v1/admin/notification-defaults',
    { schema: { tags, body: ZSaveDefaultSubscriptionRequest, response: { 200: ZNotificationSubscription } } },
    async (req) => presentSubscription(await s.notificationDefaults.save(ctx(req), req.body)),
  );
  r.delete(
    '/api/v1/admin/notification-defaults/:id',
    { schema: { tags, params, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.notificationDefaults.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/admin/notification-channels',
    { schema: { tags, response: { 200: ZNotificationChannelList } } },
    async (req) => ({ items: (await s.notificationChannels.list(ctx(req))).map(presentChannel) }),
  );
  r.post(
    '/api/v1/admin/notification-channels',
    { schema: { tags, body: ZCreateChannelRequest, response: { 201: ZNotificationChannel } } },
    async (req, reply) =>
      reply.status(201).send(presentChannel(await s.notificationChannels.create(ctx(req), req.body))),
  );
  r.get(
    '/api/v1/admin/notification-channels/:id',
    { schema: { tags, params, response: { 200: ZNotificationChannelDetail } } },
    async (req) => {
      const { channel, deliveries } = await s.notificationChannels.get(ctx(req), req.params.id);
      return { ...presentChannel(channel), recentDeliveries: deliveries.map(presentDelivery) };
    },
  );
  r.patch(
    '/api/v1/admin/notification-channels/:id',
    { schema: { tags, params, body: ZUpdateChannelRequest, response: { 200: ZNotificationChannel } } },
    async (req) => presentChannel(await s.notificationChannels.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/admin/notification-channels/:id',
    { schema: { tags, params, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.notificationChannels.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/v1/admin/notification-channels/:id/test',
    { schema: { tags, params, response: { 200: ZChannelTest } } },
    async (req) => s.notificationChannels.test(ctx(req), req.params.id),
  );
}
