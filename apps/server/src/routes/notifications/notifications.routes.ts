import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentAlert, presentNotificationTypes } from '@vigil/core';
import {
  ZAlertPage,
  ZListNotificationsQuery,
  ZMarkNotificationsRead,
  ZMarkNotificationsReadRequest,
  ZNotificationTypeList,
  ZUnreadNotifications,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** The caller's in-app alerts: only ever their own. */
export function notificationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/v1/notifications',
    { schema: { tags, querystring: ZListNotificationsQuery, response: { 200: ZAlertPage } } },
    async (req) => {
      const page = await s.notifications.listAlerts(ctx(req), {
        unreadOnly: req.query.unread ?? false,
        limit: req.query.limit,
        before: req.query.before,
      });
      return { items: page.items.map(presentAlert), nextBefore: page.nextBefore, unread: page.unread };
    },
  );
  r.get(
    '/api/v1/notifications/unread-count',
    { schema: { tags, response: { 200: ZUnreadNotifications } } },
    async (req) => ({ unread: await s.notifications.unreadCount(ctx(req)) }),
  );
  r.post(
    '/api/v1/notifications/read',
    { schema: { tags, body: ZMarkNotificationsReadRequest, response: { 200: ZMarkNotificationsRead } } },
    async (req) => s.notifications.markRead(ctx(req), req.body.ids),
  );
  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, response: { 200: ZMarkNotificationsRead } } },
    async (req) => s.notifications.markRead(ctx(req)),
  );
  r.get('/api/v1/notification-types', { schema: { tags, response: { 200: ZNotificationTypeList } } }, async (req) => {
    // Signed-in callers only (ctx throws otherwise), though the catalogue is the same for all.
    ctx(req);
    return { items: presentNotificationTypes() };
  });
}
