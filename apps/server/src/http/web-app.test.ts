import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebApp } from './web-app.ts';

function makeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.ico'), 'icon');
  return dir;
}

async function appWith(dist: string): Promise<{ app: FastifyInstance; registered: boolean }> {
  const app = Fastify();
  app.get('/api/v1/ping', async () => ({ ok: true }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}` } }),
  );
  const registered = await registerWebApp(app, dist);
  await app.ready();
  return { app, registered };
}

test('serves index.html for client-side routes and the root', async (t) => {
  const dist = makeDist();
  const { app, registered } = await appWith(dist);
  t.after(async () => (await app.close(), rmSync(dist, { recursive: true, force: true })));
  assert.equal(registered, true);
  for (const url of ['/', '/findings', '/findings/42?severity=High', '/admin/users']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /id="root"/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  }
});

test('serves hashed assets with a long cache and top-level files as they are', async (t) => {
  const dist = makeDist();
  const { app } = await appWith(dist);
  t.after(async () => (await app.close(), rmSync(dist, { recursive: true, force: true })));
  const js = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
  assert.equal(js.statusCode, 200);
  assert.equal(js.body, 'console.log(1)');
  assert.match(js.headers['cache-control'] as string, /immutable/);
  const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(icon.statusCode, 200);
  assert.equal(icon.body, 'icon');
});

test('API, health and other reserved paths keep their JSON 404s; missing files are 404s', async (t) => {
  const dist = makeDist();
  const { app } = await appWith(dist);
  t.after(async () => (await app.close(), rmSync(dist, { recursive: true, force: true })));
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json(), { ok: true });
  assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  for (const url of [
    '/api/v1/nope',
    '/api',
    '/metrics/x',
    '/feed',
    '/socket.io/?EIO=4',
    '/readyz/deep',
    '/assets/missing.js',
    '/logo.png',
  ]) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.json().error.code, 'NOT_FOUND', url);
  }
});

test('does nothing when the web app was not built', async (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'vigil-web-empty-'));
  const { app, registered } = await appWith(empty);
  t.after(async () => (await app.close(), rmSync(empty, { recursive: true, force: true })));
  assert.equal(registered, false);
  assert.equal((await app.inject({ method: 'GET', url: '/findings' })).statusCode, 404);
});
