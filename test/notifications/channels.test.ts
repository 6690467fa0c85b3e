import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhook } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { httpReceiver, selfSignedCert, smtpReceiver, syslogTcp, syslogTls, syslogUdp, until } from './listeners.ts';
import { dispatchAll, notificationsFor, sys, world, type World } from './support.ts';
import { waitFor } from '../support/wait.ts';

let db: TestDatabase;
let h: Harness;
let w: World;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let telegram: Awaited<ReturnType<typeof httpReceiver>>;
let n: ReturnType<typeof notificationsFor>;
let seq = 0;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  w = await world(h, 'c');
  smtp = await smtpReceiver();
  telegram = await httpReceiver();
  n = notificationsFor(db.uow, {
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false, from: 'Vigil <vigil@example.test>' },
    telegramApiUrl: `${telegram.url}/tg`,
  });
  await dispatchAll(n.dispatcher, db);
});
after(async () => {
  await smtp.close();
  await telegram.close();
  await h.close();
  await db.drop();
});

/** A new engagement: one `engagement.added` notification for whoever subscribes. */
async function trigger() {
  await h.services.engagements.create(sys, {
    productId: w.productId,
    name: `Pentest ${++seq}`,
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  return dispatchAll(n.dispatcher, db);
}

async function channelFor(body: Parameters<typeof n.channels.create>[1]) {
  const c = await n.channels.create(sys, body);
  await n.defaults.save(sys, { eventType: 'engagement.added', channel: 'target', channelId: c.id, enabled: true });
  return c;
}

async function retire(id: number) {
  await db.uow.repos.notificationChannels.update(id, { enabled: false });
}

test('email goes through a real SMTP server, HTML and text, once', async () => {
  await h.services.notifications.saveSubscription(
    { actor: { userId: w.reader.id, username: 'c_reader', isAdmin: false, via: 'token' } },
    { eventType: 'engagement.added', channel: 'email', enabled: true },
  );
  const d = await trigger();
  assert.equal(d.deliveries, 1);
  const r = await n.delivery.drain();
  assert.equal(r.sent, 1);
  assert.equal(smtp.mails.length, 1);
  const mail = smtp.mails[0];
  assert.deepEqual(mail.to, ['c_reader@example.test']);
  assert.equal(mail.from, 'vigil@example.test');
  assert.match(mail.raw, /Subject: \[Vigil\] Engagement added to c Product/);
  assert.match(mail.raw, /Content-Type: text\/plain/);
  assert.match(mail.raw, /Content-Type: text\/html/);
  assert.match(mail.raw, /https:\/\/vigil\.example\.test\/engagements\/\d+/);
  assert.match(mail.raw, /Message-ID: <n\d+:email:u\d+@example\.test>/i);
  // Sent rows are never sent again.
  assert.equal((await n.delivery.drain()).claimed, 0);
  assert.equal(smtp.mails.length, 1);
  await h.services.notifications.saveSubscription(
    { actor: { userId: w.reader.id, username: 'c_reader', isAdmin: false, via: 'token' } },
    { eventType: 'engagement.added', channel: 'email', enabled: false },
  );
});

test('generic webhook: HMAC-SHA256 over timestamp.body, delivery id header, secrets sealed', async () => {
  const secret = 'whsec-0123456789abcdef';
  const rx = await httpReceiver();
  try {
    const c = await channelFor({
      name: 'hook',
      kind: 'webhook',
      url: `${rx.url}/hooks/vigil-secret-path`,
      hmacSecret: secret,
    });
    const stored = await db.uow.repos.notificationChannels.findById(c.id);
    assert.ok(stored?.secret_ciphertext);
    assert.ok(!stored.secret_ciphertext.includes(secret) && !stored.secret_ciphertext.includes('vigil-secret-path'));
    assert.equal(stored.secret_hint, `https://127.0.0.1:${rx.port}/…path, signing secret set`);
    await trigger();
    assert.equal((await n.delivery.drain()).sent, 1);
    assert.equal(rx.hits.length, 1);
    const hit = rx.hits[0];
    const ts = String(hit.headers['x-vigil-timestamp']);
    assert.ok(Math.abs(Number(ts) - Date.now() / 1000) < 60);
    assert.equal(hit.headers['x-vigil-signature'], signWebhook(secret, ts, hit.body));
    assert.notEqual(hit.headers['x-vigil-signature'], signWebhook('wrong', ts, hit.body));
    const body = JSON.parse(hit.body);
    assert.equal(hit.headers['x-vigil-delivery'], body.id);
    assert.equal(hit.headers['idempotency-key'], body.id);
    assert.equal(body.type, 'engagement.added');
    assert.equal(body.productId, w.productId);
    await retire(c.id);
  } finally {
    await rx.close();
  }
});

test('a failing webhook is retried with the same delivery id until it succeeds', async () => {
  const rx = await httpReceiver((_hit, i) => (i < 3 ? 503 : 200));
  try {
    const c = await channelFor({ name: 'flaky', kind: 'webhook', url: `${rx.url}/h`, maxFailures: 10 });
    await trigger();
    const r = await n.delivery.drain();
    assert.equal(r.sent, 1);
    assert.equal(r.retrying, 2);
    assert.equal(rx.hits.length, 3);
    assert.equal(new Set(rx.hits.map((x) => x.headers['x-vigil-delivery'])).size, 1);
    const [delivery] = await db.uow.repos.notificationDeliveries.listForChannel(c.id, 5);
    assert.equal(delivery.status, 'sent');
    assert.equal(delivery.attempts, 3);
    const row = await db.uow.repos.notificationChannels.findById(c.id);
    assert.equal(row?.consecutive_failures, 0, 'a success resets the streak');
    await retire(c.id);
  } finally {
    await rx.close();
  }
});

test('a webhook that keeps failing is deactivated after N consecutive failures', async () => {
  const rx = await httpReceiver(() => 500);
  try {
    const c = await channelFor({ name: 'dead', kind: 'webhook', url: `${rx.url}/h`, maxFailures: 2 });
    await trigger();
    await trigger();
    await n.delivery.drain();
    const row = await db.uow.repos.notificationChannels.findById(c.id);
    assert.equal(row?.enabled, false);
    assert.equal(row?.consecutive_failures, 2);
    assert.equal(row?.disabled_reason, 'deactivated after 2 consecutive failures');
    assert.match(row?.last_error ?? '', /HTTP 500/);
    assert.equal(rx.hits.length, 2);
    const statuses = (await db.uow.repos.notificationDeliveries.listForChannel(c.id, 10)).map((d) => d.status).sort();
    assert.deepEqual(statuses, ['cancelled', 'cancelled']);
    // A disabled channel gets no new deliveries.
    const d = await trigger();
    assert.equal(d.deliveries, 0);
  } finally {
    await rx.close();
  }
});

test('Slack, Mattermost and Teams webhooks get their own payload shapes', async () => {
  const rx = await httpReceiver();
  try {
    const ids = [];
    for (const kind of ['slack', 'mattermost', 'msteams'] as const)
      ids.push((await channelFor({ name: kind, kind, url: `${rx.url}/${kind}` })).id);
    await trigger();
    assert.equal((await n.delivery.drain()).sent, 3);
    const by = Object.fromEntries(rx.hits.map((x) => [x.path.slice(1), JSON.parse(x.body)]));
    assert.match(
      by.slack.text,
      /^\*<https:\/\/vigil\.example\.test\/engagements\/\d+\|Engagement added to c Product>\*\n/,
    );
    assert.match(by.mattermost.text, /^\*\*\[Engagement added to c Product\]\(https:/);
    assert.equal(by.msteams.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(by.msteams.attachments[0].content.body[0].text, 'Engagement added to c Product');
    for (const id of ids) await retire(id);
  } finally {
    await rx.close();
  }
});

test('Telegram Bot API sendMessage on a configurable base URL', async () => {
  const c = await channelFor({ name: 'tg', kind: 'telegram', botToken: '123456:ABC-secret', chatId: '-100200300' });
  await trigger();
  assert.equal((await n.delivery.drain()).sent, 1);
  const hit = telegram.hits.at(-1)!;
  assert.equal(hit.path, '/tg/bot123456:ABC-secret/sendMessage');
  const body = JSON.parse(hit.body);
  assert.equal(body.chat_id, '-100200300');
  assert.match(body.text, /^Engagement added to c Product\n\n/);
  const presented = (await n.channels.list(sys)).find((x) => x.id === c.id)!;
  assert.equal(presented.secret_hint, 'bot token …cret');
  await retire(c.id);
});

test('syslog RFC 5424 with a CEF body over TCP and UDP', async () => {
  const tcp = await syslogTcp();
  const udp = await syslogUdp();
  try {
    const a = await channelFor({
      name: 'siem tcp',
      kind: 'syslog',
      host: '127.0.0.1',
      port: tcp.port,
      protocol: 'tcp',
    });
    const b = await channelFor({
      name: 'siem udp',
      kind: 'syslog',
      host: '127.0.0.1',
      port: udp.port,
      protocol: 'udp',
      facility: 16,
    });
    await trigger();
    const sent = await n.delivery.drain();
    assert.equal(
      sent.sent,
      2,
      JSON.stringify({ sent, deliveries: await db.uow.repos.notificationDeliveries.listForChannel(a.id, 3) }),
    );
    await until(() => tcp.lines.length > 0 && udp.lines.length > 0, 2000);
    const rfc5424 = new RegExp(
      /^<(\d+)>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ vigil \d+ engagement\.added - /.source +
        /CEF:0\|Vigil\|Vigil\|test\|engagement\.added\|Engagement added to c Product\|3\|/.source +
        /rt=\d+ externalId=n\d+:c\d+ cat=engagement\.added msg=/.source,
    );
    assert.match(tcp.lines[0], rfc5424);
    assert.equal(rfc5424.exec(tcp.lines[0])![1], String(10 * 8 + 5));
    assert.match(udp.lines[0], rfc5424);
    assert.equal(rfc5424.exec(udp.lines[0])![1], String(16 * 8 + 5));
    await retire(a.id);
    await retire(b.id);
  } finally {
    await tcp.close();
    await udp.close();
  }
});

test('a sender that dies after claiming loses nothing: the lease runs out and another sender delivers', async () => {
  const rx = await httpReceiver();
  try {
    const c = await channelFor({ name: 'crash', kind: 'webhook', url: `${rx.url}/h` });
    await trigger();
    // A worker claims the delivery, then is killed before sending (nothing marks the row).
    const claimed = await db.uow.repos.notificationDeliveries.claimDue(10, 1);
    assert.equal(claimed.length, 1);
    assert.equal((await n.delivery.drain()).claimed, 0, 'still leased to the dead worker');
    // Drained again until the lease runs out: then another sender claims and delivers it.
    const sent = await waitFor(
      async () => {
        const { sent } = await n.delivery.drain();
        return sent > 0 && sent;
      },
      { what: 'the lease to run out and the delivery to be sent', timeoutMs: 5000, everyMs: 50 },
    );
    assert.equal(sent, 1);
    assert.equal(rx.hits.length, 1);
    const [d] = await db.uow.repos.notificationDeliveries.listForChannel(c.id, 1);
    assert.equal(d.status, 'sent');
    assert.equal(d.attempts, 2);
    assert.equal((await n.delivery.drain()).claimed, 0, 'sent rows are not sent again');
    await retire(c.id);
  } finally {
    await rx.close();
  }
});

test('syslog over TLS verifies the collector certificate against the configured CA', async (t) => {
  const creds = selfSignedCert();
  if (!creds) return t.skip('openssl is not installed');
  const tls = await syslogTls(creds);
  try {
    const trusted = await channelFor({
      name: 'siem tls',
      kind: 'syslog',
      host: '127.0.0.1',
      port: tls.port,
      protocol: 'tls',
      caPem: creds.cert,
    });
    const untrusted = await channelFor({
      name: 'siem tls untrusted',
      kind: 'syslog',
      host: '127.0.0.1',
      port: tls.port,
      protocol: 'tls',
      maxFailures: 1,
    });
    await trigger();
    const r = await n.delivery.drain();
    assert.equal(r.sent, 1);
    await until(() => tls.lines.length === 1);
    assert.match(
      tls.lines[0],
      /^<85>1 .* vigil \d+ engagement\.added - CEF:0\|Vigil\|Vigil\|test\|engagement\.added\|/,
    );
    const refused = await db.uow.repos.notificationChannels.findById(untrusted.id);
    assert.match(refused?.last_error ?? '', /self-signed certificate|unable to verify/i);
    assert.equal(refused?.enabled, false);
    await retire(trusted.id);
  } finally {
    await tls.close();
  }
});
