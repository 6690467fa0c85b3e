import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-error.ts';
import { createVigilClient } from './vigil-client.ts';

function recordingFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

test('writes carry the CSRF token and cookie credentials; reads do not need it', async () => {
  const { calls, fetchImpl } = recordingFetch(200, { items: [], nextCursor: null });
  const client = createVigilClient({ fetch: fetchImpl, csrfToken: () => 'tok-1' });
  await client.findings.list({ severity: ['High', 'Critical'], active: true, cursor: undefined });
  await client.findings.bulkStatus([1, 2], 'close');
  assert.equal(calls[0].url, '/api/v1/findings?severity=High%2CCritical&active=true');
  assert.equal((calls[0].init.headers as Record<string, string>)['x-csrf-token'], undefined);
  assert.equal(calls[1].init.credentials, 'include');
  assert.equal((calls[1].init.headers as Record<string, string>)['x-csrf-token'], 'tok-1');
  assert.deepEqual(JSON.parse(String(calls[1].init.body)), { ids: [1, 2], action: 'close' });
});

test('an error body becomes an ApiError with per-field messages', async () => {
  const { fetchImpl } = recordingFetch(400, {
    error: { code: 'VALIDATION_FAILED', message: 'Invalid', details: [{ path: 'body.name', message: 'Too small' }] },
  });
  const client = createVigilClient({ fetch: fetchImpl, csrfToken: () => null });
  await assert.rejects(client.productTypes.create({ name: '' }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.deepEqual(e.fieldErrors(), { name: 'Too small' });
    return true;
  });
});

test('a missing scan-type listing (404) is reported as null, not an error', async () => {
  const { fetchImpl } = recordingFetch(404, { error: { code: 'NOT_FOUND', message: 'No route' } });
  const client = createVigilClient({ fetch: fetchImpl });
  assert.equal(await client.imports.scanTypes(), null);
});
