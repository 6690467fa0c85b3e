import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NOTIFICATION_TYPES, presentAlert } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZListNotificationsQuery, ZMarkReadRequest } from './notifications.schemas.ts';

/** The caller's in-app alerts: only ever their own. */
export function notificationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/api/v1/notifications', { schema: { tags, querystring: ZListNotificationsQuery } }, async (req) => {
    const page = await s.notifications.listAlerts(ctx(req), {
      unreadOnly: req.query.unread ?? false,
      limit: req.query.limit,
      before: req.query.before,
    });
    return { items: page.items.map(presentAlert), nextBefore: page.nextBefore, unread: page.unread };
  });
  r.get('/api/v1/notifications/unread-count', { schema: { tags } }, async (req) => ({
    unread: await s.notifications.unreadCount(ctx(req)),
  }));
  r.post('/api/v1/notifications/read', { schema: { tags, body: ZMarkReadRequest } }, async (req) =>
    s.notifications.markRead(ctx(req), req.body.ids),
  );
  r.post('/api/v1/notifications/read-all', { schema: { tags } }, async (req) => s.notifications.markRead(ctx(req)));
  r.get('/api/v1/notification-types', { schema: { tags } }, async (req) => {
    ctx(req);
    return {
      items: Object.entries(NOTIFICATION_TYPES).map(([type, t]) => ({ type, label: t.label, audience: t.audience })),
    };
  });
}
