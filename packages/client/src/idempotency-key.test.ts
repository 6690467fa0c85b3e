import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-error.ts';
import { HttpClient } from './http-client.ts';

type Answer = { status: number; body?: unknown } | 'network';

function scriptedFetch(answers: Answer[]) {
  const keys: Array<string | undefined> = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    keys.push((init.headers as Record<string, string>)['idempotency-key']);
    const a = answers.shift() ?? { status: 200, body: {} };
    if (a === 'network') throw new TypeError('fetch failed');
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { keys, fetchImpl };
}

test('every write carries a fresh Idempotency-Key; reads carry none', async () => {
  const { keys, fetchImpl } = scriptedFetch([]);
  const client = new HttpClient({ fetch: fetchImpl, csrfToken: () => null });
  await client.post('/api/v1/product-types', { name: 'a' });
  await client.patch('/api/v1/product-types/1', { name: 'b' });
  await client.get('/api/v1/product-types');
  assert.match(keys[0]!, /^[0-9a-f]{32}$/);
  assert.match(keys[1]!, /^[0-9a-f]{32}$/);
  assert.notEqual(keys[0], keys[1]);
  assert.equal(keys[2], undefined);
});

test('a write whose answer was lost is repeated with the same key', async () => {
  const { keys, fetchImpl } = scriptedFetch([
    'network',
    { status: 503, body: { error: { code: 'COMMIT_OUTCOME_UNKNOWN', message: 'may or may not' } } },
    { status: 201, body: { id: 7 } },
  ]);
  const client = new HttpClient({ fetch: fetchImpl, csrfToken: () => null, retryDelayMs: 0 });
  assert.deepEqual(await client.post('/api/v1/engagements', { name: 'e' }), { id: 7 });
  assert.equal(keys.length, 3);
  assert.equal(new Set(keys).size, 1);
});

test('a refused write is not repeated; an exhausted retry reports the last error', async () => {
  const refused = scriptedFetch([{ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_MISMATCH', message: 'x' } } }]);
  const client = new HttpClient({ fetch: refused.fetchImpl, csrfToken: () => null, retryDelayMs: 0 });
  await assert.rejects(
    client.post('/x', {}),
    (e: unknown) => e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_MISMATCH',
  );
  assert.equal(refused.keys.length, 1);
  const down = scriptedFetch(['network', 'network', 'network', 'network']);
  const c2 = new HttpClient({ fetch: down.fetchImpl, csrfToken: () => null, retryDelayMs: 0, writeRetries: 2 });
  await assert.rejects(c2.delete('/x'), (e: unknown) => e instanceof ApiError && e.code === 'NETWORK');
  assert.equal(down.keys.length, 3);
});
