import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { io as connectSocket } from 'socket.io-client';
import { sql } from 'kysely';
import type { TestUser } from '../support/harness.ts';
import type { DatabaseKindUnderTest } from '../support/postgres.ts';
import { openSocket, roundTrip, startLiveServer, until, type LiveServer, type TestSocket } from './live-server.ts';

/**
 * Issue 13 item 5: a change that removes access takes the user's live sockets out of every room
 * they may no longer read (product, team, finding thread) within 1 s, and a socket whose
 * credential stopped authenticating is disconnected — on a real listening server, on PostgreSQL
 * and on PGlite (embedded, one process).
 */
const LIMIT_MS = 1000;

interface Fixture {
  productId: number;
  productTypeId: number;
  findingId: number;
  teamId: number;
  victim: TestUser;
  control: TestUser;
}

for (const kind of ['postgres', 'embedded'] as DatabaseKindUnderTest[]) {
  describe(`access revocation reaches live sockets (${kind})`, () => {
    let server: LiveServer;
    let admin: TestUser;
    let n = 0;
    const sockets: TestSocket[] = [];
    const latencies: Record<string, number> = {};

    before(async () => {
      server = await startLiveServer(kind);
      admin = await server.h.user('admin', { admin: true });
    });
    after(async () => {
      for (const s of sockets) s.close();
      await server.close();
      console.log(`revocation latency on ${kind}, REST response -> socket out (ms): ${JSON.stringify(latencies)}`);
    });

    async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status?: number) {
      const r = await res;
      assert.ok(status ? r.statusCode === status : r.statusCode < 300, `${r.statusCode} ${r.body}`);
      return r.body ? r.json() : undefined;
    }

    /** A product with a finding, a team, a victim and a control user; the control reads everything for good. */
    async function fixture(): Promise<Fixture> {
      n++;
      const pt = await ok(admin.post('/api/v1/product-types', { name: `PT ${kind} ${n}` }));
      const product = await ok(admin.post('/api/v1/products', { name: `Product ${kind} ${n}`, productTypeId: pt.id }));
      const engagement = await ok(
        admin.post('/api/v1/engagements', {
          productId: product.id,
          name: 'E',
          targetStart: '2026-01-01',
          targetEnd: '2026-12-31',
        }),
      );
      const t = await ok(admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' }));
      const finding = await ok(
        admin.post('/api/v1/findings', { testId: t.id, title: 'SQL injection', severity: 'High' }),
      );
      const team = await ok(admin.post('/api/v1/teams', { name: `Team ${kind} ${n}` }));
      const victim = await server.h.user(`victim${n}`);
      const control = await server.h.user(`control${n}`);
      await ok(admin.post(`/api/v1/products/${product.id}/members`, { userId: control.id, role: 'Reader' }));
      for (const u of [victim, control])
        await ok(admin.put(`/api/v1/teams/${team.id}/members`, { userId: u.id, role: 'member' }));
      return { productId: product.id, productTypeId: pt.id, findingId: finding.id, teamId: team.id, victim, control };
    }

    /**
     * Posts in the team channel and the finding thread and updates the finding; returns a check that each user saw all
     * three.
     */
    async function traffic(f: Fixture) {
      const teamMessage = await ok(
        f.control.post(`/api/v1/chat/teams/${f.teamId}/messages`, { body: `team ${Date.now()}` }),
      );
      const findingMessage = await ok(
        admin.post(`/api/v1/chat/findings/${f.findingId}/messages`, { body: `thread ${Date.now()}` }),
      );
      const title = `SQL injection ${Math.random()}`;
      await ok(admin.patch(`/api/v1/findings/${f.findingId}`, { title }));
      return (s: TestSocket) => ({
        team: s.events.some(
          (e) => e.type === 'chat.message_posted' && (e.data.message as { id: number }).id === teamMessage.id,
        ),
        thread: s.events.some(
          (e) => e.type === 'chat.message_posted' && (e.data.message as { id: number }).id === findingMessage.id,
        ),
        finding: s.events.some((e) => e.type === 'finding.updated' && e.data.title === title),
      });
    }

    async function connect(f: Fixture, user: TestUser): Promise<TestSocket> {
      const s = await openSocket(server.url, { token: user.token, findings: [f.findingId] });
      sockets.push(s);
      return s;
    }

    async function loginCookie(user: TestUser): Promise<{ cookie: string; csrf: string }> {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: 'correct horse battery' }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const body = (await res.json()) as { csrfToken: string };
      return {
        cookie: res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
        csrf: body.csrfToken,
      };
    }

    /** Both see the traffic first: the victim really was in the rooms. */
    async function bothReceive(
      f: Fixture,
      victim: TestSocket,
      control: TestSocket,
      rooms: ('team' | 'thread' | 'finding')[],
    ) {
      const saw = await traffic(f);
      await until('the victim and the control receive the traffic', () =>
        rooms.every((r) => saw(victim)[r] && saw(control)[r]),
      );
    }

    /**
     * Later traffic reaches the control but not the victim (except the team channel when `stillInTeam`),
     * also after the victim asks for `rooms:refresh`.
     */
    async function victimLockedOut(f: Fixture, victim: TestSocket, control: TestSocket, stillInTeam = false) {
      for (let round = 0; round < 2; round++) {
        const saw = await traffic(f);
        await until('the control receives the later traffic', () => Object.values(saw(control)).every(Boolean));
        if (victim.socket.connected) {
          // Frames arrive in order: anything emitted to the victim before this answer has arrived.
          assert.deepEqual(await roundTrip(victim), { ok: true });
        }
        assert.deepEqual(
          saw(victim),
          { team: stillInTeam, thread: false, finding: false },
          `round ${round}: what the victim received`,
        );
      }
    }

    async function expectLeft(
      t: TestContext,
      label: string,
      victim: TestSocket,
      rooms: string[],
      revoke: () => Promise<unknown>,
    ) {
      await revoke();
      const ms = await until(
        `${label}: the server takes the socket out of ${rooms.join(', ')}`,
        () => rooms.every((r) => victim.left.flat().includes(r)),
        5000,
      );
      latencies[label] = ms;
      t.diagnostic(`${label}: out of the rooms ${ms} ms after the REST response`);
      assert.ok(ms < LIMIT_MS, `${label}: ${ms} ms`);
      assert.ok(victim.socket.connected, 'a live credential keeps its connection');
    }

    async function expectEnded(t: TestContext, label: string, victim: TestSocket, revoke: () => Promise<unknown>) {
      await revoke();
      const ms = await until(`${label}: the socket is disconnected`, () => victim.disconnected, 5000);
      latencies[label] = ms;
      t.diagnostic(`${label}: disconnected ${ms} ms after the REST response`);
      assert.ok(ms < LIMIT_MS, `${label}: ${ms} ms`);
      assert.equal(victim.ended.length, 1, 'told why before the disconnect');
    }

    async function refusedAgain(auth: { token?: string }, headers: Record<string, string> = {}) {
      const s = connectSocket(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth,
        extraHeaders: headers,
      });
      const outcome = await new Promise<string>((resolve) => {
        s.once('ready', () => resolve('ready'));
        s.once('connect_error', (err) => resolve(err.message));
      });
      s.close();
      assert.equal(outcome, 'UNAUTHENTICATED');
    }

    test('direct product membership removed (REST then answers 404)', async (t) => {
      const f = await fixture();
      const m = await ok(
        admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Writer' }),
      );
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectLeft(t, 'product membership', victim, [`product:${f.productId}`, `finding:${f.findingId}`], () =>
        ok(admin.delete(`/api/v1/products/${f.productId}/members/${m.id}`)),
      );
      assert.equal((await f.victim.get(`/api/v1/findings/${f.findingId}`)).statusCode, 404);
      assert.ok(!victim.left.flat().includes(`team:${f.teamId}`), 'still a team member');
      await victimLockedOut(f, victim, control, true);
    });

    test('product type membership removed', async (t) => {
      const f = await fixture();
      const m = await ok(
        admin.post(`/api/v1/product-types/${f.productTypeId}/members`, { userId: f.victim.id, role: 'Reader' }),
      );
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['thread', 'finding']);
      await expectLeft(t, 'product type membership', victim, [`product:${f.productId}`, `finding:${f.findingId}`], () =>
        ok(admin.delete(`/api/v1/product-types/${f.productTypeId}/members/${m.id}`)),
      );
      await victimLockedOut(f, victim, control, true);
    });

    test("a team's role on the product removed", async (t) => {
      const f = await fixture();
      const m = await ok(admin.post(`/api/v1/products/${f.productId}/members`, { teamId: f.teamId, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectLeft(t, "team's product role", victim, [`product:${f.productId}`, `finding:${f.findingId}`], () =>
        ok(admin.delete(`/api/v1/products/${f.productId}/members/${m.id}`)),
      );
      await victimLockedOut(f, victim, control, true);
    });

    test('removed from the team that holds the role', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { teamId: f.teamId, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectLeft(
        t,
        'team membership removed',
        victim,
        [`team:${f.teamId}`, `product:${f.productId}`, `finding:${f.findingId}`],
        () => ok(admin.delete(`/api/v1/teams/${f.teamId}/members/${f.victim.id}`)),
      );
      await victimLockedOut(f, victim, control);
    });

    test('left the team', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { teamId: f.teamId, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectLeft(
        t,
        'team left',
        victim,
        [`team:${f.teamId}`, `product:${f.productId}`, `finding:${f.findingId}`],
        () => ok(f.victim.post(`/api/v1/teams/${f.teamId}/leave`)),
      );
      await victimLockedOut(f, victim, control);
    });

    test('an administrator who loses the role leaves the rooms only administrators read', async (t) => {
      const f = await fixture();
      await ok(admin.patch(`/api/v1/users/${f.victim.id}`, { isAdmin: true }));
      await ok(admin.delete(`/api/v1/teams/${f.teamId}/members/${f.victim.id}`));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['thread', 'finding']);
      await expectLeft(
        t,
        'admin role removed',
        victim,
        ['admins', `product:${f.productId}`, `finding:${f.findingId}`],
        () => ok(admin.patch(`/api/v1/users/${f.victim.id}`, { isAdmin: false })),
      );
      await victimLockedOut(f, victim, control);
    });

    test('user deactivated: the socket is disconnected', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectEnded(t, 'user deactivated', victim, () =>
        ok(admin.patch(`/api/v1/users/${f.victim.id}`, { isActive: false })),
      );
      await victimLockedOut(f, victim, control);
      await refusedAgain({ token: f.victim.token });
    });

    test('a user turned feed-only (a write from outside the server) is disconnected', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectEnded(t, 'turned feed-only', victim, () =>
        sql`UPDATE users SET feed_only = true WHERE id = ${f.victim.id}`.execute(server.handle.db),
      );
      await victimLockedOut(f, victim, control);
    });

    test('API token revoked: the socket is disconnected', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Reader' }));
      const [victim, control] = [await connect(f, f.victim), await connect(f, f.control)];
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      const tokens = (await ok(f.victim.get('/api/v1/auth/tokens'))).items as { id: number }[];
      await expectEnded(t, 'token revoked', victim, () => ok(f.victim.delete(`/api/v1/auth/tokens/${tokens[0].id}`)));
      await victimLockedOut(f, victim, control);
      await refusedAgain({ token: f.victim.token });
    });

    test('session logged out: its socket is disconnected, another session of the user is not', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Reader' }));
      const [a, b] = [await loginCookie(f.victim), await loginCookie(f.victim)];
      const headers = (c: { cookie: string }) => ({ cookie: c.cookie, origin: server.url });
      const victim = await openSocket(server.url, { findings: [f.findingId] }, headers(a));
      const otherTab = await openSocket(server.url, { findings: [f.findingId] }, headers(b));
      const control = await connect(f, f.control);
      sockets.push(victim, otherTab);
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectEnded(t, 'session logout', victim, async () => {
        const res = await fetch(`${server.url}/api/v1/auth/logout`, {
          method: 'POST',
          headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
        });
        assert.equal(res.status, 204);
      });
      await victimLockedOut(f, victim, control);
      assert.ok(otherTab.socket.connected, 'the other session still authenticates');
      assert.deepEqual(await roundTrip(otherTab), { ok: true });
      await refusedAgain({}, headers(a));
    });

    test('password changed by an administrator ends the sessions and their sockets', async (t) => {
      const f = await fixture();
      await ok(admin.post(`/api/v1/products/${f.productId}/members`, { userId: f.victim.id, role: 'Reader' }));
      const session = await loginCookie(f.victim);
      const victim = await openSocket(
        server.url,
        { findings: [f.findingId] },
        { cookie: session.cookie, origin: server.url },
      );
      const control = await connect(f, f.control);
      sockets.push(victim);
      await bothReceive(f, victim, control, ['team', 'thread', 'finding']);
      await expectEnded(t, 'password changed', victim, () =>
        ok(admin.patch(`/api/v1/users/${f.victim.id}`, { password: 'Quartz-Lantern-Orbit-7291' })),
      );
      await victimLockedOut(f, victim, control);
    });

    test('rooms:refresh and subscribe never add what the user may not read', async () => {
      const f = await fixture();
      const outsider = await server.h.user(`outsider${n}`);
      const s = await openSocket(server.url, { token: outsider.token, findings: [f.findingId] });
      sockets.push(s);
      assert.deepEqual(await roundTrip(s), { ok: true });
      assert.deepEqual(await s.socket.timeout(5000).emitWithAck('subscribe', { findingId: f.findingId }), {
        error: 'NOT_FOUND',
      });
      const rooms = await server.realtime.io.in(`user:${outsider.id}`).fetchSockets();
      assert.deepEqual([...rooms[0].rooms].filter((r) => r !== rooms[0].id).sort(), ['public', `user:${outsider.id}`]);
    });
  });
}
