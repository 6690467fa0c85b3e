import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { idempotencyKeysHandlers, jobDefinitions } from '@vigil/jobs';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { faultyDatabaseOf, type FaultyDatabase } from '../support/commit-fault.ts';

// Issue 13 item 18: a write whose COMMIT lost its connection may have been saved; the API says so
// (COMMIT_OUTCOME_UNKNOWN, no retry advice), and Idempotency-Key makes a retry safe.
for (const kind of ['postgres', 'embedded'] as const) {
  describe(`Idempotency-Key (${kind})`, () => {
    let db: FaultyDatabase;
    let h: Harness;
    let admin: TestUser;
    let productId: number;
    let n = 0;

    before(async () => {
      db = await faultyDatabaseOf(kind);
      h = await createHarness(db.uow);
      admin = await h.user('admin', { admin: true });
      const pt = (await admin.post('/api/v1/product-types', { name: 'Web' })).json();
      productId = (await admin.post('/api/v1/products', { name: 'Shop', productTypeId: pt.id })).json().id;
    });
    after(async () => {
      await h.close();
      await db.close();
    });

    const engagement = (name: string) => ({ productId, name, targetStart: '2026-01-01', targetEnd: '2026-12-31' });
    const create = (key: string | undefined, body: unknown, user = admin) =>
      user.request({
        method: 'POST',
        url: '/api/v1/engagements',
        payload: body as never,
        headers: key === undefined ? {} : { 'idempotency-key': key },
      });
    const rows = async (name: string) =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM engagements WHERE name = ${name}`.execute(db.db))
          .rows[0].n,
      );
    const keys = async (key: string) =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ${key}`.execute(db.db))
          .rows[0].n,
      );
    const fresh = () => `k-${kind}-${++n}`;

    test('a repeat with the same key returns the stored response and creates one row', async () => {
      const key = fresh();
      const first = await create(key, engagement(key));
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const again = await create(key, engagement(key));
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.match(String(again.headers['content-type']), /application\/json/);
      assert.deepEqual(again.json(), first.json());
      assert.equal(await rows(key), 1);
    });

    test('the same key with a different body is refused with IDEMPOTENCY_KEY_MISMATCH', async () => {
      const key = fresh();
      assert.equal((await create(key, engagement(key))).statusCode, 201);
      const other = await create(key, engagement(`${key}-other`));
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_MISMATCH');
      assert.equal(await rows(`${key}-other`), 0);
    });

    test("a key is the caller's own: another user with the same key is a new request", async () => {
      const key = fresh();
      assert.equal((await create(key, engagement(key))).statusCode, 201);
      const other = await h.user(`other-${kind}`, { admin: true });
      const theirs = await create(key, engagement(key), other);
      assert.equal(theirs.statusCode, 201);
      assert.equal(theirs.headers['idempotent-replayed'], undefined);
      assert.equal(await rows(key), 2);
    });

    test('a malformed key is refused with 400 naming the header, and nothing is written', async () => {
      for (const bad of ['x'.repeat(256), 'caf\u00e9', 'tab\there']) {
        const name = fresh();
        const r = await create(bad, engagement(name));
        assert.equal(r.statusCode, 400, bad);
        assert.equal(r.json().error.code, 'IDEMPOTENCY_KEY_INVALID');
        assert.match(r.json().error.message, /Idempotency-Key/);
        assert.equal(await rows(name), 0);
      }
    });

    test('concurrent requests with the same key: one write, the other 409 or the replay', async () => {
      const key = fresh();
      const answers = await Promise.all([
        create(key, engagement(key)),
        create(key, engagement(key)),
        create(key, engagement(key)),
      ]);
      const created = answers.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined);
      assert.equal(created.length, 1, answers.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
      for (const r of answers) {
        if (r === created[0]) continue;
        assert.ok(
          r.statusCode === 409
            ? r.json().error.code === 'IDEMPOTENCY_KEY_IN_USE'
            : r.headers['idempotent-replayed'] === 'true',
          r.body,
        );
      }
      assert.equal(await rows(key), 1);
    });

    test('a request that failed leaves no key, so its retry runs', async () => {
      const key = fresh();
      const user = await h.user(`plain-${kind}`);
      const body = { name: key };
      const refused = await user.request({
        method: 'POST',
        url: '/api/v1/product-types',
        payload: body,
        headers: { 'idempotency-key': key },
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(await keys(key), 0);
      await sql`UPDATE users SET is_admin = true WHERE id = ${user.id}`.execute(db.db);
      const retried = await user.request({
        method: 'POST',
        url: '/api/v1/product-types',
        payload: body,
        headers: { 'idempotency-key': key },
      });
      assert.equal(retried.statusCode, 201, retried.body);
      assert.equal(retried.headers['idempotent-replayed'], undefined);
    });

    test('COMMIT lost after it committed, no key: COMMIT_OUTCOME_UNKNOWN with no retry advice', async () => {
      const name = fresh();
      db.arm('after-commit');
      const before = db.fired();
      const r = await create(undefined, engagement(name));
      assert.equal(db.fired(), before + 1);
      assert.equal(r.statusCode, 503, r.body);
      assert.equal(r.json().error.code, 'COMMIT_OUTCOME_UNKNOWN');
      assert.match(r.json().error.message, /may or may not have been saved/);
      assert.doesNotMatch(r.json().error.message, /retry/i);
      assert.equal(r.headers['retry-after'], undefined);
      assert.equal(await rows(name), 1, 'it was in fact saved');
      assert.equal((await create(undefined, engagement(`${name}-next`))).statusCode, 201, 'the next write works');
    });

    test(
      'COMMIT lost after it committed, with a key: the ' + 'retry says it was already carried out, no duplicate',
      async () => {
        const key = fresh();
        db.arm('after-commit');
        const r = await create(key, engagement(key));
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().error.code, 'COMMIT_OUTCOME_UNKNOWN');
        assert.match(r.json().error.message, /same Idempotency-Key is safe/);
        const retry = await create(key, engagement(key));
        assert.equal(retry.statusCode, 409, retry.body);
        assert.equal(retry.json().error.code, 'IDEMPOTENT_REQUEST_COMPLETED');
        assert.equal(await rows(key), 1);
      },
    );

    test(
      'COMMIT lost before it committed, with a key: the ' + 'same answer, and the retry carries the write out once',
      async () => {
        const key = fresh();
        db.arm('before-commit');
        const r = await create(key, engagement(key));
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().error.code, 'COMMIT_OUTCOME_UNKNOWN');
        assert.equal(await rows(key), 0);
        const retry = await create(key, engagement(key));
        assert.equal(retry.statusCode, 201, retry.body);
        assert.equal(await rows(key), 1);
        assert.equal((await create(key, engagement(key))).headers['idempotent-replayed'], 'true');
      },
    );

    test('a committed key without a stored response: in use for a minute, then already carried out', async () => {
      const key = fresh();
      const fingerprintOf = async () => {
        await create(key, engagement(key));
        const row = await sql<{
          fingerprint: string;
        }>`SELECT fingerprint FROM idempotency_keys WHERE key = ${key}`.execute(db.db);
        return row.rows[0].fingerprint;
      };
      await fingerprintOf();
      // As if the server died between COMMIT and storing the response.
      await sql`UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, finished_at = NULL
        WHERE key = ${key}`.execute(db.db);
      const running = await create(key, engagement(key));
      assert.equal(running.statusCode, 409);
      assert.equal(running.json().error.code, 'IDEMPOTENCY_KEY_IN_USE');
      await sql`UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE key = ${key}`.execute(
        db.db,
      );
      const done = await create(key, engagement(key));
      assert.equal(done.statusCode, 409);
      assert.equal(done.json().error.code, 'IDEMPOTENT_REQUEST_COMPLETED');
      assert.equal(await rows(key), 1);
    });

    test('expired keys are deleted by the scheduled maintenance job; an expired key no longer replays', async () => {
      const def = jobDefinitions.find((j) => j.name === 'maintenance.idempotency-keys');
      assert.ok(def?.cron, 'the job is scheduled');
      const key = fresh();
      assert.equal((await create(key, engagement(key))).statusCode, 201);
      await sql`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = ${key}`.execute(db.db);
      await idempotencyKeysHandlers(h.services.idempotency)['maintenance.idempotency-keys']!(
        {},
        { jobId: 'j', retryCount: 0, final: false },
      );
      assert.equal(await keys(key), 0);
      const again = await create(key, engagement(key));
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], undefined);
      assert.equal(await rows(key), 2);
    });
  });
}
