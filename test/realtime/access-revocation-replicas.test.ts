import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiTokenService, SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { createServices } from '../../apps/server/src/runtime/services.ts';
import { testServicesConfig } from '../support/services-config.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { migrateUp, startReplica, stopReplica, type Replica } from './replica-cluster.ts';
import { openSocket, roundTrip, until, type TestSocket } from './live-server.ts';

/**
 * Issue 13 item 5 across replicas: access removed through one `vigil server` takes effect on a
 * socket connected to another one (both hear the database's change notifications), within 1 s.
 */
let db: TestDatabase;
let a: Replica | undefined;
let b: Replica | undefined;
const sockets: TestSocket[] = [];
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
let productId = 0;
let findingId = 0;
let _teamId = 0;
let membershipId = 0;

before(async () => {
  db = await freshDatabase({ migrated: false });
  migrateUp(db.url);
  const s = createServices(db.uow, testServicesConfig());
  const sys: RequestContext = { actor: SYSTEM_ACTOR };
  for (const name of ['admin', 'victim', 'control']) {
    const u = await s.users.insert(sys, {
      username: name,
      password: 'correct horse battery',
      isAdmin: name === 'admin',
    });
    tokens[name] = (await new ApiTokenService(db.uow).create(sys, u.id, 'rt')).key;
    ids[name] = u.id;
  }
  const pt = await s.productTypes.create(sys, { name: 'Web' });
  const product = await s.products.create(sys, { name: 'Shop', productTypeId: pt.id });
  productId = product.id;
  const engagement = await s.engagements.create(sys, {
    productId,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  findingId = (await s.findings.create(sys, { testId: t.id, title: 'SQL injection', severity: 'High' })).id;
  _teamId = (
    await s.teams.create({ actor: { userId: ids.admin, username: 'admin', isAdmin: true, via: 'token' } }, 'Blue team')
  ).id;
  membershipId = (await s.memberships.grant(sys, { productId }, { userId: ids.victim }, 'Writer')).id;
  await s.memberships.grant(sys, { productId }, { userId: ids.control }, 'Reader');
  a = await startReplica(db.url);
  b = await startReplica(db.url);
});

after(async () => {
  for (const s of sockets) s.close();
  await stopReplica(a);
  await stopReplica(b);
  await db.drop();
});

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

async function traffic() {
  const message = await api(a!, 'admin', 'POST', `/api/v1/chat/findings/${findingId}/messages`, {
    body: `thread ${Date.now()}`,
  });
  const title = `SQL injection ${Math.random()}`;
  await api(a!, 'admin', 'PATCH', `/api/v1/findings/${findingId}`, { title });
  return (s: TestSocket) =>
    s.events.some((e) => e.type === 'chat.message_posted' && (e.data.message as { id: number }).id === message.id) &&
    s.events.some((e) => e.type === 'finding.updated' && e.data.title === title);
}

async function open(user: string): Promise<TestSocket> {
  const s = await openSocket(b!.url, { token: tokens[user], findings: [findingId] });
  sockets.push(s);
  return s;
}

test('a product membership removed through replica A takes the socket on replica B out of the product and finding ' +
  'rooms', {
  timeout: 60_000,
}, async (t) => {
  const [victim, control] = [await open('victim'), await open('control')];
  const before = await traffic();
  await until('both receive on B', () => before(victim) && before(control));

  await api(a!, 'admin', 'DELETE', `/api/v1/products/${productId}/members/${membershipId}`);
  const ms = await until(
    'the victim on B leaves the rooms',
    () => [`product:${productId}`, `finding:${findingId}`].every((r) => victim.left.flat().includes(r)),
    5000,
  );
  t.diagnostic(`REST response on A -> socket on B out of the rooms: ${ms} ms`);
  console.log(`cross-replica revocation latency (product membership): ${ms} ms`);
  assert.ok(ms < 1000, `${ms} ms`);

  const mark = victim.events.length;
  const later = await traffic();
  await until('the control on B receives the later traffic', () => later(control));
  // Frames arrive in order: anything emitted to the victim before this answer has arrived.
  assert.deepEqual(await roundTrip(victim), { ok: true });
  assert.deepEqual(
    victim.events.slice(mark).map((e) => e.type),
    [],
    'nothing of the product after the removal, even after rooms:refresh',
  );
});

test('a user deactivated through replica A is disconnected from replica B', { timeout: 60_000 }, async (t) => {
  const victim = await openSocket(b!.url, { token: tokens.victim });
  sockets.push(victim);
  await api(a!, 'admin', 'PATCH', `/api/v1/users/${ids.victim}`, { isActive: false });
  const ms = await until('the victim on B is disconnected', () => victim.disconnected, 5000);
  t.diagnostic(`REST response on A -> socket on B disconnected: ${ms} ms`);
  console.log(`cross-replica revocation latency (user deactivated): ${ms} ms`);
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(victim.ended.length, 1);
});
