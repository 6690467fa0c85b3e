import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { helmetHeaders, registerSecurityHeaders } from './security-headers.ts';

test("helmet's headers are computed once from the options, and set on every response, errors included", async () => {
  const headers = helmetHeaders();
  assert.match(headers['content-security-policy'], /connect-src 'self' ws: wss:/);
  assert.match(headers['content-security-policy'], /script-src 'self'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
  assert.ok(headers['strict-transport-security']);
  assert.equal(helmetHeaders({ frameguard: { action: 'deny' } })['x-frame-options'], 'DENY');
  const app = Fastify();
  registerSecurityHeaders(app);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/fail', async () => {
    throw new Error('boom');
  });
  for (const url of ['/ok', '/fail', '/missing']) {
    const res = await app.inject({ url });
    for (const [name, value] of Object.entries(headers)) assert.equal(res.headers[name], value, `${url}: ${name}`);
    assert.equal(res.headers['x-powered-by'], undefined);
  }
  await app.close();
});
