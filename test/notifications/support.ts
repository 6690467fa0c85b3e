import { sql } from 'kysely';
import {
  NOTIFICATIONS_CONSUMER,
  SecretBox,
  SYSTEM_ACTOR,
  createNotifications,
  type DispatchResult,
  type NotificationDispatcher,
  type NotificationOptions,
  type RequestContext,
} from '@vigil/core';
import type { UnitOfWork } from '@vigil/db';
import { randomBytes } from 'node:crypto';
import type { Harness, TestUser } from '../support/harness.ts';
import type { TestDatabase } from '../support/postgres.ts';

export const sys: RequestContext = { actor: SYSTEM_ACTOR };

/** Notification pieces on the test database, with localhost allowed as an outbound target. */
export function notificationsFor(uow: UnitOfWork, overrides: Partial<NotificationOptions> = {}) {
  const box = new SecretBox(randomBytes(32));
  const n = createNotifications(uow, box, {
    publicUrl: 'https://vigil.example.test',
    outboundAllow: ['127.0.0.1/32', '::1/128'],
    telegramApiUrl: 'https://api.telegram.org',
    maxAttempts: 3,
    retryDelaySeconds: 0,
    timeoutMs: 3000,
    version: 'test',
    ...overrides,
  });
  return { ...n, box };
}

export interface World {
  productId: number;
  engagementId: number;
  admin: TestUser;
  reader: TestUser;
  outsider: TestUser;
}

/** An admin, a Reader of one product and a user with no access to it; every one has an email. */
export async function world(h: Harness, prefix: string): Promise<World> {
  const admin = await h.user(`${prefix}_admin`, { admin: true });
  const reader = await h.user(`${prefix}_reader`);
  const outsider = await h.user(`${prefix}_outsider`);
  for (const u of [admin, reader, outsider])
    await h.uow.repos.users.update(u.id, { email: `${u.username}@example.test` });
  const pt = await h.services.productTypes.create(sys, { name: `${prefix} PT` });
  const product = await h.services.products.create(sys, { name: `${prefix} Product`, productTypeId: pt.id });
  const engagement = await h.services.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  await h.services.memberships.grant(sys, { productId: product.id }, { userId: reader.id }, 'Reader');
  return { productId: product.id, engagementId: engagement.id, admin, reader, outsider };
}

/** Imports `count` findings of one severity through the real import service. */
export async function importFindings(h: Harness, engagementId: number, count: number, severity: string, tag = 'f') {
  const findings = Array.from({ length: count }, (_, i) => ({
    title: `${tag} finding ${i}`,
    severity,
    description: `${tag} ${i}`,
    file_path: `src/${tag}${i}.ts`,
  }));
  return h.services.imports.import(sys, {
    mode: 'import',
    scanType: 'Generic Findings Import',
    engagementId,
    report: Buffer.from(JSON.stringify({ findings })),
  });
}

/**
 * Dispatches until every event committed so far has been consumed. The event log only shows events
 * below the oldest running transaction of the whole PostgreSQL cluster, so a long transaction in
 * another test database can hold a fresh event back for a moment: wait for it rather than guess.
 */
export async function dispatchAll(
  dispatcher: NotificationDispatcher,
  db: TestDatabase,
  ms = 20_000,
): Promise<DispatchResult> {
  const maxId = Number(
    (await sql<{ id: string | null }>`SELECT max(id) AS id FROM domain_events`.execute(db.handle.db)).rows[0].id ?? 0,
  );
  const total: DispatchResult = { notifications: 0, deliveries: 0, alerts: 0, events: 0, locked: true };
  const end = Date.now() + ms;
  for (;;) {
    const r = await dispatcher.drain();
    total.notifications += r.notifications;
    total.deliveries += r.deliveries;
    total.alerts += r.alerts;
    total.events += r.events;
    const pos = await db.uow.repos.events.consumerPosition(NOTIFICATIONS_CONSUMER);
    const left = await sql<{ n: string }>`
      SELECT count(*) AS n FROM domain_events WHERE id <= ${maxId}
        AND (tx_id, id) > (${pos.txId}::xid8, ${pos.eventId}::bigint)`.execute(db.handle.db);
    if (Number(left.rows[0].n) === 0) return total;
    if (Date.now() > end) throw new Error(`events up to ${maxId} still not dispatched after ${ms} ms`);
    await new Promise((res) => setTimeout(res, 25));
  }
}
