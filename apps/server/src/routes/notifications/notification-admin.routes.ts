import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentChannel, presentDelivery, presentSubscription } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';
import { ZCreateChannelRequest, ZSaveDefaultRequest, ZUpdateChannelRequest } from './notifications.schemas.ts';

/** Administrators: system-wide defaults and shared channels (credentials write-only). */
export function notificationAdminRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications (admin)'];
  r.get('/api/v1/admin/notification-defaults', { schema: { tags } }, async (req) => ({
    items: (await s.notificationDefaults.list(ctx(req))).map(presentSubscription),
  }));
  r.put('/api/v1/admin/notification-defaults', { schema: { tags, body: ZSaveDefaultRequest } }, async (req) =>
    presentSubscription(await s.notificationDefaults.save(ctx(req), req.body)),
  );
  r.delete('/api/v1/admin/notification-defaults/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.notificationDefaults.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });

  r.get('/api/v1/admin/notification-channels', { schema: { tags } }, async (req) => ({
    items: (await s.notificationChannels.list(ctx(req))).map(presentChannel),
  }));
  r.post('/api/v1/admin/notification-channels', { schema: { tags, body: ZCreateChannelRequest } }, async (req, reply) =>
    reply.status(201).send(presentChannel(await s.notificationChannels.create(ctx(req), req.body))),
  );
  r.get('/api/v1/admin/notification-channels/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    const { channel, deliveries } = await s.notificationChannels.get(ctx(req), req.params.id);
    return { ...presentChannel(channel), recentDeliveries: deliveries.map(presentDelivery) };
  });
  r.patch(
    '/api/v1/admin/notification-channels/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateChannelRequest } },
    async (req) => presentChannel(await s.notificationChannels.update(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/v1/admin/notification-channels/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.notificationChannels.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.post('/api/v1/admin/notification-channels/:id/test', { schema: { tags, params: ZIdParams } }, async (req) =>
    s.notificationChannels.test(ctx(req), req.params.id),
  );
}
