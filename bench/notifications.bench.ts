/**
 * Notification fan-out benchmark (never part of the test suite). An import that creates 1,000 High
 * findings, with 3 subscribers (in-app alert + email each) and 2 shared channels (a signed webhook
 * and a syslog TCP collector) listening, all on local servers. It counts the messages that really
 * arrive per subscriber per channel, and times dispatch + delivery.
 *
 * Baseline, measured in the same run: an import of 1 High finding through the same path (the
 * fixed cost of one digest); and the message count a per-finding design would send
 * (findings × subscribers × channels).
 *
 *   npm run bench:notifications          (BENCH_N=1000 findings by default)
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { freshDatabase } from '../test/support/postgres.ts';
import { createHarness } from '../test/support/harness.ts';
import { httpReceiver, smtpReceiver, syslogTcp, until } from '../test/notifications/listeners.ts';
import { dispatchAll, importFindings, notificationsFor, sys } from '../test/notifications/support.ts';

const N = Number(process.env.BENCH_N ?? 1000);

async function main() {
  const db = await freshDatabase();
  const h = await createHarness(db.uow);
  const smtp = await smtpReceiver();
  const hook = await httpReceiver();
  const siem = await syslogTcp();
  try {
    const n = notificationsFor(db.uow, {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false, from: 'vigil@example.test' },
    });
    const pt = await h.services.productTypes.create(sys, { name: 'Bench' });
    const product = await h.services.products.create(sys, { name: 'Bench product', productTypeId: pt.id });
    const engagement = await h.services.engagements.create(sys, {
      productId: product.id,
      name: 'CI',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    });
    const subscribers = [];
    for (const name of ['alice', 'bob', 'carol']) {
      const u = await h.user(`bench_${name}`);
      await db.uow.repos.users.update(u.id, { email: `${name}@example.test` });
      await h.services.memberships.grant(sys, { productId: product.id }, { userId: u.id }, 'Reader');
      const ctx = { actor: { userId: u.id, username: u.username, isAdmin: false, via: 'token' as const } };
      for (const channel of ['alert', 'email'] as const)
        await h.services.notifications.saveSubscription(ctx, {
          eventType: 'findings.new',
          channel,
          enabled: true,
          minSeverity: 'High',
        });
      subscribers.push(u);
    }
    const webhook = await n.channels.create(sys, {
      name: 'hook',
      kind: 'webhook',
      url: `${hook.url}/vigil`,
      hmacSecret: 'bench-secret',
    });
    const syslog = await n.channels.create(sys, {
      name: 'siem',
      kind: 'syslog',
      host: '127.0.0.1',
      port: siem.port,
      protocol: 'tcp',
    });
    for (const c of [webhook, syslog])
      await n.defaults.save(sys, { eventType: 'findings.new', channel: 'target', channelId: c.id, enabled: true });
    await dispatchAll(n.dispatcher, db);
    await n.delivery.drain();
    const received = () => ({ emails: smtp.mails.length, webhook: hook.hits.length, syslog: siem.lines.length });

    async function run(count: number, tag: string) {
      const before = received();
      const alertsBefore = Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM notification_alerts`.execute(db.handle.db)).rows[0].n,
      );
      await importFindings(h, engagement.id, count, 'High', tag);
      const t0 = performance.now();
      const d = await dispatchAll(n.dispatcher, db);
      const t1 = performance.now();
      const s = await n.delivery.drain();
      const t2 = performance.now();
      const expectedOutside = subscribers.length + 2;
      await until(
        () => received().emails - before.emails >= subscribers.length && received().syslog - before.syslog >= 1,
        5000,
      );
      const after = received();
      const alerts =
        Number(
          (await sql<{ n: string }>`SELECT count(*) AS n FROM notification_alerts`.execute(db.handle.db)).rows[0].n,
        ) - alertsBefore;
      const digests = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM notifications WHERE type = 'findings.new' AND details->>'importId' IS NOT NULL
        AND (details->'counts'->>'High')::int = ${count}`.execute(db.handle.db);
      return {
        findings: count,
        digests: Number(digests.rows[0].n),
        inAppAlerts: alerts,
        emails: after.emails - before.emails,
        webhookPosts: after.webhook - before.webhook,
        syslogMessages: after.syslog - before.syslog,
        messagesOutsideTotal:
          after.emails - before.emails + after.webhook - before.webhook + after.syslog - before.syslog,
        expectedOutside,
        deliveriesSent: s.sent,
        dispatchMs: Math.round(t1 - t0),
        deliverMs: Math.round(t2 - t1),
        notifications: d.notifications,
      };
    }

    const baseline = await run(1, 'one');
    const big = await run(N, 'big');
    const channelsPerSubscriber = 2;
    console.log(
      `load average at start: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (2 cores, other engineers' work runs too)`,
    );
    console.log('\nbaseline: import of 1 High finding');
    console.table(baseline);
    console.log(`\nimport of ${N} High findings`);
    console.table(big);
    console.log(
      `\nper subscriber per channel: ${big.inAppAlerts / subscribers.length} ` +
        `alert, ${big.emails / subscribers.length} email; per shared channel: ${big.webhookPosts} webhook ` +
        `post, ${big.syslogMessages} syslog message`,
    );
    console.log(
      `a per-finding design would send ${N * (subscribers.length * channelsPerSubscriber + 2)} messages; the digest ` +
        `sends ${big.inAppAlerts + big.messagesOutsideTotal}`,
    );
    console.log(
      `dispatch of the ${N}-finding import: ${big.dispatchMs} ms vs ${baseline.dispatchMs} ms for 1 finding; ` +
        `delivery: ${big.deliverMs} ms vs ${baseline.deliverMs} ms`,
    );
    console.log(
      `load average at end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await smtp.close();
    await hook.close();
    await siem.close();
    await h.close();
    await db.drop();
  }
}

await main();
