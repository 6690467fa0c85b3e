import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { AppError, OutboundGuard } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { httpReceiver } from './listeners.ts';
import { dispatchAll, notificationsFor, sys, world } from './support.ts';

const refused = async (p: Promise<unknown>, pattern: RegExp) => {
  await assert.rejects(
    p,
    (err: unknown) => err instanceof AppError && err.code === 'UNPROCESSABLE' && pattern.test(err.message),
  );
};

test('loopback, private, link-local, unique-local, multicast and unspecified targets are refused', async () => {
  const guard = new OutboundGuard([]);
  for (const [address, range] of [
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['::1', 'loopback'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['100.64.0.1', 'carrierGradeNat'],
  ]) {
    await refused(guard.check(address), new RegExp(`\\(${range}\\)`));
  }
  await refused(guard.checkUrl('http://[::1]:8080/x'), /loopback/);
  assert.equal(await guard.check('93.184.216.34'), '93.184.216.34');
});

test(
  'IPv4-compatible ::/96, the discard range and every ' + 'other non-global range ipaddr.js knows are refused',
  async () => {
    const guard = new OutboundGuard([]);
    for (const [address, range] of [
      ['::7f00:1', 'ipv4Compatible'],
      ['::a9fe:a9fe', 'ipv4Compatible'],
      ['::808:808', 'ipv4Compatible'],
      ['100::1', 'discard'],
      ['fec0::1', 'deprecatedSiteLocal'],
      ['5f00::1', 'segmentRouting'],
      ['2001:4:112::1', 'as112v6'],
      ['2001:10::1', 'deprecatedOrchid'],
      ['2001:db8::1', 'reserved'],
      ['3fff::1', 'reserved'],
      ['64:ff9b::7f00:1', 'rfc6052'],
      ['2002:7f00:1::', '6to4'],
      ['4000::1', 'notGlobalUnicast'],
      ['192.0.2.1', 'reserved'],
      ['255.255.255.255', 'broadcast'],
    ]) {
      await refused(guard.check(address), new RegExp(`\\(${range}\\)`));
    }
    await refused(guard.checkUrl('http://[::127.0.0.1]/'), /ipv4Compatible/);
    await refused(guard.checkUrl('http://[::a9fe:a9fe]/latest/meta-data'), /ipv4Compatible/);
    await refused(guard.checkUrl('http://[100::1]/'), /discard/);
    // Every named range of ipaddr.js is refused: one address from each, IPv4 and IPv6.
    for (const kind of [ipaddr.IPv4, ipaddr.IPv6] as const) {
      for (const [name, ranges] of Object.entries(
        (kind.prototype as unknown as { SpecialRanges: Record<string, unknown> }).SpecialRanges,
      )) {
        const list = (Array.isArray(ranges) && Array.isArray(ranges[0]) ? ranges : [ranges]) as [
          ipaddr.IPv4 | ipaddr.IPv6,
          number,
        ][];
        for (const [net] of list) {
          if (name === 'unicast') continue;
          assert.ok(guard.refusal(net.toString()), `${net.toString()} (${name}) must be refused`);
        }
      }
    }
    assert.equal(await guard.check('2606:4700::1111'), '2606:4700::1111');
    assert.equal(await guard.check('::ffff:93.184.216.34'), '::ffff:93.184.216.34');
  },
);

test('host names are resolved and every address is checked; the allow-list opens exact ranges', async () => {
  const resolver = async (host: string) =>
    host === 'internal.example' ? ['93.184.216.9', '10.0.0.5'] : host === 'public.example' ? ['93.184.216.10'] : [];
  const guard = new OutboundGuard([], resolver);
  await refused(guard.check('internal.example'), /resolves to 10\.0\.0\.5 \(private\)/);
  assert.equal(await guard.check('public.example'), '93.184.216.10');
  await refused(guard.check('nowhere.example'), /has no address/);
  const allowing = new OutboundGuard(['10.0.0.0/8', '127.0.0.1'], resolver);
  assert.equal(await allowing.check('10.9.9.9'), '10.9.9.9');
  assert.equal(await allowing.check('127.0.0.1'), '127.0.0.1');
  await refused(allowing.check('127.0.0.2'), /loopback/);
  await refused(allowing.check('192.168.0.1'), /private/);
  assert.throws(() => new OutboundGuard(['not-an-ip']), /Invalid outbound allow-list entry/);
});

test('URLs must be http(s) without credentials', async () => {
  const guard = new OutboundGuard(['127.0.0.1/32']);
  await assert.rejects(guard.checkUrl('ftp://127.0.0.1/x'), /must be http/);
  await assert.rejects(guard.checkUrl('http://user:pw@127.0.0.1/x'), /must not carry credentials/);
  await assert.rejects(guard.checkUrl('not a url'), /not a valid URL/);
});

let db: TestDatabase;
let h: Harness;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
});
after(async () => {
  await h.close();
  await db.drop();
});

test('the API refuses a channel pointing at localhost when it is not allowed (checked at save time)', async () => {
  const admin = await h.user('s_admin', { admin: true });
  for (const body of [
    { name: 'a', kind: 'webhook', url: 'http://127.0.0.1:9/hook' },
    { name: 'b', kind: 'slack', url: 'http://169.254.169.254/latest/meta-data' },
    { name: 'c', kind: 'syslog', host: '10.0.0.1', port: 514, protocol: 'udp' },
    { name: 'd', kind: 'mattermost', url: 'http://[fd00::1]/hooks/x' },
  ]) {
    const res = await admin.post('/api/v1/admin/notification-channels', body);
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.json().error.message, /outbound requests may not reach/);
  }
  assert.equal((await admin.get('/api/v1/admin/notification-channels')).json().items.length, 0);
});

test('DNS rebinding: a host that was public when saved and private at send time is refused at send', async () => {
  const rx = await httpReceiver();
  try {
    await world(h, 'r');
    let answer = '93.184.216.7';
    const n = notificationsFor(db.uow, { outboundAllow: [], resolver: async () => [answer] });
    await dispatchAll(n.dispatcher, db);
    const c = await n.channels.create(sys, {
      name: 'rebind',
      kind: 'webhook',
      url: `http://hooks.rebind.example:${rx.port}/h`,
    });
    await n.defaults.save(sys, { eventType: 'engagement.added', channel: 'target', channelId: c.id, enabled: true });
    answer = '127.0.0.1';
    const [product] = await db.handle.db.selectFrom('products').select('id').execute();
    await h.services.engagements.create(sys, {
      productId: product.id,
      name: 'Rebind',
      targetStart: '2026-01-01',
      targetEnd: '2026-02-01',
    });
    await dispatchAll(n.dispatcher, db);
    const r = await n.delivery.drain();
    assert.equal(r.failed, 1);
    assert.equal(rx.hits.length, 0, 'nothing reached the local server');
    const [delivery] = await db.uow.repos.notificationDeliveries.listForChannel(c.id, 1);
    assert.equal(delivery.status, 'failed');
    assert.match(delivery.last_error ?? '', /resolves to 127\.0\.0\.1 \(loopback\)/);
  } finally {
    await rx.close();
  }
});
