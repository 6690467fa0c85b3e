import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiTokenService, SYSTEM_ACTOR, type Actor, type RequestContext } from '@vigil/core';
import { io } from 'socket.io-client';
import { RealtimeClient, type RealtimeEvent } from '@vigil/client/realtime-client.ts';
import { createServices } from '../../apps/server/src/runtime/services.ts';
import { testServicesConfig } from '../support/services-config.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { migrateUp, startReplica, stopReplica, type Replica } from './replica-cluster.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Two real `vigil server` processes on one fresh PostgreSQL database: events cross replicas through
 * the shared event log, rooms follow access, and a client whose server is killed reconnects to the
 * other one and receives what it missed exactly once.
 */
let db: TestDatabase;
let a: Replica | undefined;
let b: Replica | undefined;
const clients: RealtimeClient[] = [];
const tokens: Record<string, string> = {};
let teamId = 0;
let findingId = 0;

before(async () => {
  db = await freshDatabase({ migrated: false });
  migrateUp(db.url);
  const s = createServices(db.uow, testServicesConfig());
  const sys: RequestContext = { actor: SYSTEM_ACTOR };
  const actors: Record<string, Actor> = {};
  for (const name of ['alice', 'bob', 'carol']) {
    const u = await s.users.insert(sys, { username: name, password: 'correct horse battery' });
    tokens[name] = (await new ApiTokenService(db.uow).create(sys, u.id, 'rt')).key;
    actors[name] = { userId: u.id, username: name, isAdmin: false, via: 'token' };
  }
  const team = await s.teams.create({ actor: actors.alice }, 'Blue team');
  teamId = team.id;
  await s.teams.setMember({ actor: actors.alice }, team.id, actors.bob.userId, 'member');
  const pt = await s.productTypes.create(sys, { name: 'Web' });
  const product = await s.products.create(sys, { name: 'Shop', productTypeId: pt.id });
  const engagement = await s.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  findingId = (await s.findings.create(sys, { testId: t.id, title: 'SQL injection', severity: 'High' })).id;
  // The team holds Writer on the product: alice and bob read it through the team; carol has no role.
  await s.memberships.grant(sys, { productId: product.id }, { teamId: team.id }, 'Writer');
  // One after the other: concurrent start-ups race on start-up DDL (job queues).
  a = await startReplica(db.url);
  b = await startReplica(db.url);
});

after(async () => {
  for (const c of clients) c.close();
  await stopReplica(a);
  await stopReplica(b);
  await db.drop();
});

function connect(user: string, urls: string[]) {
  const client = new RealtimeClient({ urls, token: tokens[user], retryDelayMs: 100 });
  clients.push(client);
  const events: RealtimeEvent[] = [];
  client.on('event', (e) => events.push(e));
  const ready = new Promise<void>((resolve) => {
    const off = client.on('ready', () => {
      off();
      resolve();
    });
  });
  client.connect();
  return { client, events, ready };
}

async function api(base: Replica, user: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base.url}${path}`, {
    method,
    headers: { authorization: `Token ${tokens[user]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function until(what: string, check: () => boolean, ms = 10_000) {
  await waitFor(check, { what, timeoutMs: ms, everyMs: 20 });
}

const messageIds = (events: RealtimeEvent[]) =>
  events.filter((e) => e.type === 'chat.message_posted').map((e) => (e.data.message as { id: number }).id);

test('a client on replica A receives a message posted through B; a user without access receives nothing', {
  timeout: 30_000,
}, async () => {
  const alice = connect('alice', [a!.url]);
  const carol = connect('carol', [a!.url]);
  await Promise.all([alice.ready, carol.ready]);
  const posted = await api(b!, 'bob', 'POST', `/api/v1/chat/teams/${teamId}/messages`, {
    body: 'hello **@alice** from B',
  });
  await until('the message on A', () => messageIds(alice.events).includes(posted.id));
  const event = alice.events.find((e) => e.type === 'chat.message_posted')!;
  assert.equal(
    (event.data.message as { html: string }).html,
    'hello <strong><span class="mention">@alice</span></strong> from B',
  );
  await until('the mention on A', () => alice.events.some((e) => e.type === 'user.mentioned'));

  await api(b!, 'bob', 'PATCH', `/api/v1/findings/${findingId}`, { title: 'SQL injection in login' });
  await until('the finding update on A', () => alice.events.some((e) => e.type === 'finding.updated'));
  const updated = alice.events.find((e) => e.type === 'finding.updated')!;
  assert.equal(updated.data.title, 'SQL injection in login');
  // Carol may read neither the team nor the product. Alice received those events from A, where Carol is
  // connected too, so A has broadcast them already; an acknowledged request on Carol's socket is answered
  // after anything A sent her before (frames arrive in order): then nothing of them is on its way.
  assert.equal(await carol.client.subscribeFinding(findingId), false, 'carol may not follow the finding');
  assert.deepEqual(
    carol.events.map((e) => e.type),
    [],
  );
  alice.client.close();
  carol.client.close();
});

test('typing crosses replicas through the adapter; a session cookie authenticates only from the same origin', {
  timeout: 30_000,
}, async () => {
  const alice = connect('alice', [a!.url]);
  const bob = connect('bob', [b!.url]);
  await Promise.all([alice.ready, bob.ready]);
  const typing = new Promise<{ channel: string; user: { username: string } }>((resolve) =>
    bob.client.on('typing', resolve),
  );
  alice.client.typing(`team:${teamId}`);
  const t = await Promise.race([
    typing,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no typing signal on B')), 5000)),
  ]);
  assert.deepEqual({ channel: t.channel, user: t.user.username }, { channel: `team:${teamId}`, user: 'alice' });
  alice.client.close();
  bob.client.close();

  const login = await fetch(`${a!.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'carol', password: 'correct horse battery' }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const attempt = (origin: string) =>
    new Promise<string>((resolve) => {
      const s = io(a!.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { cookie, origin },
      });
      s.once('ready', () => (s.close(), resolve('ready')));
      s.once('connect_error', (err) => (s.close(), resolve(err.message)));
    });
  assert.equal(await attempt(a!.url), 'ready');
  assert.equal(await attempt('https://evil.example'), 'UNAUTHENTICATED');
});

// Last: it kills replica A.
test('kill -9 the replica a client is on: it reconnects to the other within 2 s and gets every message once', {
  timeout: 60_000,
}, async () => {
  const alice = connect('alice', [a!.url, b!.url]);
  await alice.ready;
  assert.equal(alice.client.connectedUrl, a!.url);
  let lostAt = 0;
  let backAt = 0;
  alice.client.on('status', (s: { connected: boolean }) => {
    if (!s.connected && !lostAt) lostAt = Date.now();
  });
  alice.client.on('ready', () => {
    if (lostAt && !backAt) backAt = Date.now();
  });

  const posted: number[] = [];
  const poster = (async () => {
    for (let i = 0; i < 30; i++) {
      posted.push((await api(b!, 'bob', 'POST', `/api/v1/chat/teams/${teamId}/messages`, { body: `message ${i}` })).id);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await until('a few messages live from A', () => messageIds(alice.events).length >= 5);
  a!.child.kill('SIGKILL');
  await poster;
  await until(
    'every message after failover',
    () => posted.every((id) => messageIds(alice.events).includes(id)),
    15_000,
  );

  assert.ok(lostAt > 0 && backAt > 0, 'the client noticed the loss and came back');
  assert.ok(backAt - lostAt < 2000, `reconnected in ${backAt - lostAt} ms`);
  assert.equal(alice.client.connectedUrl, b!.url);
  const received = messageIds(alice.events);
  assert.deepEqual(
    [...received].sort((x, y) => x - y),
    [...posted].sort((x, y) => x - y),
    'each message exactly once',
  );
  assert.deepEqual(
    received,
    [...received].sort((x, y) => x - y),
    'in commit order',
  );
  assert.equal(alice.client.duplicates, 0, 'the server replayed nothing twice');
});
