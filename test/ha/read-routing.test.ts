import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createDatabase, createUnitOfWork, splitHosts, type DatabaseHandle } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

// The "replica" is a second database of the same server holding different rows, so the test can
// see where each read went (a real streaming standby is used in failover.test.ts).
describe('read routing to replicas', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let handle: DatabaseHandle;
  let harness: Harness;
  let admin: TestUser;

  const names = async (u: TestUser, headers: Record<string, string> = {}) => {
    const res = await u.request({ method: 'GET', url: '/api/v1/product-types?limit=100', headers });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: Array<{ name: string }> }).items.map((p) => p.name).sort();
  };

  before(async () => {
    primary = await freshDatabase();
    replica = await freshDatabase();
    await sql`INSERT INTO product_types (name) VALUES ('on primary')`.execute(primary.handle.db);
    await sql`INSERT INTO product_types (name) VALUES ('on replica')`.execute(replica.handle.db);
    handle = await createDatabase({ databaseUrl: primary.url, replicaUrls: [replica.url], dataDir: '', poolSize: 4 });
    assert.ok(handle.replicas, 'replica monitor created');
    await handle.replicas.tick(); // records the primary's position
    await handle.replicas.tick(); // the replica has reached it: fresh
    assert.deepEqual(
      handle.replicas.status().map((r) => r.fresh),
      [true],
    );
    harness = await createHarness(createUnitOfWork(handle.db), { replicaReads: true });
    admin = await harness.user('reader-admin', { admin: true });
  });

  after(async () => {
    await harness?.close();
    await handle?.close();
    await primary?.drop();
    await replica?.drop();
  });

  test('a list read by a caller with no recent write is served by the replica', async () => {
    assert.deepEqual(await names(admin), ['on replica']);
  });

  test('reads outside a request (workers, CLI) and inside transactions use the primary', async () => {
    const direct = await handle.db.selectFrom('product_types').select('name').orderBy('name').execute();
    assert.deepEqual(
      direct.map((r) => r.name),
      ['on primary'],
    );
    const inTx = await handle.db
      .transaction()
      .execute((trx) => trx.selectFrom('product_types').select('name').execute());
    assert.deepEqual(
      inTx.map((r) => r.name),
      ['on primary'],
    );
  });

  test('after a write, the same caller reads the primary (read-your-writes), also via the cookie', async () => {
    const created = await admin.post('/api/v1/product-types', { name: 'just written' });
    assert.equal(created.statusCode, 201, created.body);
    const cookie = String(created.headers['set-cookie'] ?? '');
    assert.match(cookie, /vigil_recent_write=\d+; Max-Age=5/);
    assert.deepEqual(await names(admin), ['just written', 'on primary']);

    // Another user (no write of their own) still reads the replica...
    const other = await harness.user('other-admin', { admin: true });
    assert.deepEqual(await names(other), ['on replica']);
    // ...unless their client carries the recent-write cookie from another server behind nginx.
    const until = Date.now() + 5_000;
    assert.deepEqual(await names(other, { cookie: `vigil_recent_write=${until}` }), ['just written', 'on primary']);
    assert.deepEqual(await names(other, { cookie: `vigil_recent_write=${Date.now() - 1}` }), ['on replica']);
  });

  test('a replica that falls behind or cannot be reached is skipped', async () => {
    const lagging = await createDatabase({
      databaseUrl: primary.url,
      replicaUrls: ['postgres://postgres@127.0.0.1:1/nowhere'],
      dataDir: '',
      poolSize: 2,
    });
    try {
      await lagging.replicas!.tick();
      await lagging.replicas!.tick();
      assert.equal(lagging.replicas!.status()[0].fresh, false);
      const h = await createHarness(createUnitOfWork(lagging.db));
      try {
        const u = await h.user('lag-reader', { admin: true });
        assert.ok((await names(u)).includes('on primary'));
      } finally {
        await h.close();
      }
    } finally {
      await lagging.close();
    }
  });
});

describe('multi-host DATABASE_URL', () => {
  test('is split into one URL per host, credentials and options kept', () => {
    assert.deepEqual(splitHosts('postgres://u:p@h1:5432,h2:5433/vigil?sslmode=require'), [
      'postgres://u:p@h1:5432/vigil?sslmode=require',
      'postgres://u:p@h2:5433/vigil?sslmode=require',
    ]);
    assert.deepEqual(splitHosts('postgresql://db/vigil'), ['postgresql://db/vigil']);
    assert.throws(() => splitHosts('postgres://u@h1,,h2/db'), /empty host/);
  });

  test('the first writable host is used; a dead host before it is skipped', async () => {
    const db = await freshDatabase();
    const u = new URL(db.url);
    const multi = `postgres://postgres@127.0.0.1:1,${u.host}${u.pathname}`;
    const handle = await createDatabase({ databaseUrl: multi, dataDir: '', poolSize: 2, failoverWaitMs: 3_000 });
    try {
      const r = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
      assert.equal(r.rows[0].one, 1);
      assert.equal(handle.failover?.currentPrimary(), `postgres://postgres@${u.host}${u.pathname}`);
    } finally {
      await handle.close();
      await db.drop();
    }
  });

  test(
    'with no writable host, a query fails with ' + 'DATABASE_UNAVAILABLE after the wait and the process goes on',
    async () => {
      const handle = await createDatabase({
        databaseUrl: 'postgres://postgres@127.0.0.1:1,127.0.0.1:2/x',
        dataDir: '',
        poolSize: 2,
        failoverWaitMs: 500,
      });
      try {
        const started = Date.now();
        await assert.rejects(
          sql`SELECT 1`.execute(handle.db),
          (e: Error & { code?: string }) => e.code === 'DATABASE_UNAVAILABLE',
        );
        assert.ok(Date.now() - started < 3_000);
      } finally {
        await handle.close();
      }
    },
  );
});
