import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { httpReceiver, until } from './listeners.ts';

const BIN = new URL('../../bin/vigil.mjs', import.meta.url).pathname;
let db: TestDatabase;
let child: ChildProcess | undefined;
let rx: Awaited<ReturnType<typeof httpReceiver>>;

before(async () => {
  db = await freshDatabase();
  rx = await httpReceiver();
});
after(async () => {
  child?.kill('SIGKILL');
  await rx.close();
  await db.drop();
});

test('a real `vigil start` process dispatches and delivers: in-app alert and a signed webhook', async () => {
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-notify-')),
    VIGIL_PORT: port,
    VIGIL_HOST: '127.0.0.1',
    VIGIL_LOG_LEVEL: 'warn',
    VIGIL_ADMIN_PASSWORD: 'admin password 1',
    VIGIL_NOTIFY_INTERVAL_MS: '100',
    VIGIL_OUTBOUND_ALLOW: '127.0.0.1/32',
    VIGIL_PUBLIC_URL: 'https://vigil.example.test',
  };
  child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`not ready: ${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const token = spawnSync(process.execPath, [BIN, 'token', 'create', '--user', 'admin', '--name', 'test'], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  }).stdout.trim();
  assert.match(token, /^vgl_/);
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Token ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  const channel = await call('POST', '/api/v1/admin/notification-channels', {
    name: 'hook',
    kind: 'webhook',
    url: `${rx.url}/in`,
    hmacSecret: 'process-secret',
  });
  assert.equal(channel.status, 201, await channel.clone().text());
  const { id } = (await channel.json()) as { id: number };
  for (const body of [
    { eventType: 'product.added', channel: 'target', channelId: id },
    { eventType: 'product.added', channel: 'alert' },
  ])
    assert.equal((await call('PUT', '/api/v1/admin/notification-defaults', body)).status, 200);
  const pt = (await (await call('POST', '/api/v1/product-types', { name: 'Web' })).json()) as { id: number };
  assert.equal((await call('POST', '/api/v1/products', { name: 'Shop', productTypeId: pt.id })).status, 201);

  await until(() => rx.hits.length > 0, 20_000);
  const hit = rx.hits[0];
  assert.equal(
    hit.headers['x-vigil-signature'],
    signWebhook('process-secret', String(hit.headers['x-vigil-timestamp']), hit.body),
  );
  assert.equal(JSON.parse(hit.body).title, 'Product added: Shop');
  assert.equal(JSON.parse(hit.body).url.startsWith('https://vigil.example.test/products/'), true);
  const alerts = (await (await call('GET', '/api/v1/notifications')).json()) as {
    items: { title: string }[];
    unread: number;
  };
  assert.deepEqual(
    alerts.items.map((a) => a.title),
    ['Product added: Shop'],
  );
  assert.equal(alerts.unread, 1);
  child.kill('SIGTERM');
  await new Promise((r) => child!.once('exit', r));
});
