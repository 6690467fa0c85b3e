import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip } from '../../apps/server/src/cache/cached-json.ts';
import { freshDatabase, freshDatabaseOf, type DatabaseKindUnderTest, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

/** Polls `probe` until it returns true (the change notification is asynchronous), at most `ms`. */
async function eventually(probe: () => Promise<boolean>, ms = 3000): Promise<number> {
  const t0 = Date.now();
  await waitFor(probe, { what: 'the change to be seen', timeoutMs: ms });
  return Date.now() - t0;
}

async function setUp(_h: Harness, admin: TestUser) {
  const pt = (await admin.post('/api/v1/product-types', { name: 'Cache PT' })).json();
  const product = (await admin.post('/api/v1/products', { name: 'Cache shop', productTypeId: pt.id })).json();
  const engagement = (
    await admin.post('/api/v1/engagements', {
      productId: product.id,
      name: 'CI',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
      engagementType: 'CI/CD',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
  const finding = (await admin.post('/api/v1/findings', { testId: t.id, title: 'First', severity: 'High' })).json();
  return { product, test: t, finding };
}

const LIST = '/api/v1/findings?severity=High&limit=50';
const titles = async (u: TestUser) =>
  (await u.get(LIST))
    .json()
    .items.map((f: { title: string }) => f.title)
    .sort();

for (const kind of ['postgres', 'embedded'] as DatabaseKindUnderTest[]) {
  describe(`read caches (${kind})`, () => {
    let db: { handle: TestDatabase['handle']; uow: TestDatabase['uow']; close(): Promise<void> };
    let url: string | undefined;
    let h: Harness;
    let admin: TestUser;
    let reader: TestUser;
    let data: Awaited<ReturnType<typeof setUp>>;

    before(async () => {
      if (kind === 'postgres') {
        const d = await freshDatabase();
        db = { handle: d.handle, uow: d.uow, close: () => d.drop() };
        url = d.url;
      } else {
        db = await freshDatabaseOf('embedded');
      }
      // Window 0: a caller who just wrote is not sent around the cache (cached-json.ts), so these
      // tests see what the cache itself does after writes.
      h = await createHarness(db.uow, {
        readCaches: { handle: db.handle, databaseUrl: url },
        readPrimaryWindowSeconds: 0,
      });
      admin = await h.user('admin', { admin: true });
      reader = await h.user('reader');
      data = await setUp(h, admin);
      await eventually(async () => h.readCaches!.responses.isLive());
    });
    after(async () => {
      await h.close();
      await db.close();
    });

    test('a repeated list is served from the cache, per caller', async () => {
      // The set-up's last notifications (a token's first use is a write too) may still arrive.
      await eventually(async () => {
        const before = h.readCaches!.responses.snapshot().hits;
        assert.deepEqual(await titles(admin), ['First']);
        return h.readCaches!.responses.snapshot().hits === before + 1;
      });
      assert.deepEqual(await titles(reader), [], 'the reader has no role on the product: not the admin entry');
    });

    test('a large cached body is sent gzipped to clients that accept it, compressed once', async () => {
      for (let i = 0; i < 20; i++)
        await admin.post('/api/v1/findings', {
          testId: data.test.id,
          title: `Bulk ${i} ${'x'.repeat(40)}`,
          severity: 'Low',
        });
      const url = '/api/v1/findings?severity=Low&limit=50';
      const plain = await admin.get(url);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'accept-encoding');
      const zipped = await admin.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.ok(
        zipped.rawPayload.length < plain.rawPayload.length / 3,
        `${zipped.rawPayload.length} vs ${plain.rawPayload.length}`,
      );
      assert.deepEqual(JSON.parse(gunzipSync(zipped.rawPayload).toString()), plain.json());
      const again = await admin.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      assert.ok(again.rawPayload.equals(zipped.rawPayload));
      const small = await admin.request({
        method: 'GET',
        url: '/api/v1/findings?severity=Critical&limit=50',
        headers: { 'accept-encoding': 'gzip' },
      });
      assert.equal(small.headers['content-encoding'], undefined, 'a body under 1 kB is sent as it is');
    });

    test('a write through the API is seen by the next read at once', async () => {
      await titles(admin);
      const res = await admin.patch(`/api/v1/findings/${data.finding.id}`, { title: 'Renamed' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await titles(admin), ['Renamed']);
    });

    test('a refused write request drops nothing', async () => {
      await eventually(async () => {
        const before = h.readCaches!.responses.snapshot().hits;
        await titles(admin);
        return h.readCaches!.responses.snapshot().hits === before + 1;
      });
      const bad = await admin.patch(`/api/v1/findings/${data.finding.id}`, { severity: 'Catastrophic' });
      assert.equal(bad.statusCode, 400);
      const before = h.readCaches!.responses.snapshot().hits;
      await titles(admin);
      assert.equal(h.readCaches!.responses.snapshot().hits, before + 1);
    });

    test('a write by another process (SQL on its own connection) invalidates through the notification', async () => {
      await titles(admin);
      assert.deepEqual(await titles(admin), ['Renamed']);
      await sql`UPDATE findings SET title = 'Changed elsewhere' WHERE id = ${data.finding.id}`.execute(db.handle.db);
      const ms = await eventually(async () => (await titles(admin))[0] === 'Changed elsewhere');
      assert.ok(ms < 3000);
    });

    test('a role granted elsewhere is seen by the reader', async () => {
      assert.deepEqual(await titles(reader), []);
      await sql`INSERT INTO memberships (user_id, product_id, role)
        VALUES (${reader.id}, ${data.product.id}, 'Reader')`.execute(db.handle.db);
      await eventually(async () => (await titles(reader)).length === 1);
    });

    test('a token revoked elsewhere stops working', async () => {
      const other = await h.user('short-lived');
      assert.equal((await other.get(LIST)).statusCode, 200);
      assert.equal((await other.get(LIST)).statusCode, 200);
      await sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${other.id}`.execute(db.handle.db);
      await eventually(async () => (await other.get(LIST)).statusCode === 401);
    });

    test("timelines: a followed user's post is in my timeline at once", async () => {
      const alice = await h.user('alice');
      const bob = await h.user('bob');
      assert.equal((await alice.put('/api/v1/feed/following/users/bob')).statusCode, 204);
      const page = async () =>
        (await alice.get('/api/v1/feed/timeline?limit=10')).json().items.map((p: { text: string }) => p.text);
      assert.deepEqual(await page(), []);
      assert.deepEqual(await page(), []);
      assert.equal((await bob.post('/api/v1/feed/posts', { text: 'hello from bob' })).statusCode, 201);
      assert.deepEqual(await page(), ['hello from bob']);
      await sql`DELETE FROM feed_posts WHERE author_id = ${bob.id}`.execute(db.handle.db);
      await eventually(async () => (await page()).length === 0);
    });

    if (kind === 'postgres') {
      test(
        'when the LISTEN connection is lost the caches are ' + 'off until it is back, and nothing stale survives',
        async () => {
          const caches = h.readCaches!;
          await titles(admin);
          const admin2 = new pg.Client({ connectionString: url });
          await admin2.connect();
          try {
            // Kill the listener and change the data while it is away: that notification is lost.
            await admin2.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ` +
                `ILIKE 'LISTEN%'`,
            );
            await eventually(async () => !caches.responses.isLive());
            await admin2.query(`UPDATE findings SET title = 'While deaf' WHERE id = $1`, [data.finding.id]);
            const bypassed = caches.responses.snapshot().bypasses;
            assert.deepEqual(await titles(admin), ['While deaf']);
            assert.ok(caches.responses.snapshot().bypasses > bypassed, 'computed, not cached, while not live');
            await eventually(async () => caches.responses.isLive(), 5000);
            assert.deepEqual(await titles(admin), ['While deaf']);
          } finally {
            await admin2.end();
          }
        },
      );
    }
  });
}

test('Accept-Encoding: gzip is taken when listed (or *) with a weight above 0', () => {
  assert.equal(acceptsGzip('gzip, deflate, br'), true);
  assert.equal(acceptsGzip('br;q=1.0, gzip;q=0.8'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('*;q=1, gzip;q=0'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip(undefined), false);
});
