import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '@vigil/db';
import { freshDatabase } from '../support/postgres.ts';

const BIN = new URL('../../bin/vigil.mjs', import.meta.url).pathname;
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
});

function vigil(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function waitFor(url: string, ms: number): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return r;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('vigil start: embedded database, first admin printed once, /readyz 200, a second process is refused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-start-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env = {
    ...process.env,
    VIGIL_DATA_DIR: dataDir,
    VIGIL_PORT: port,
    VIGIL_HOST: '127.0.0.1',
    VIGIL_LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await waitFor(`http://127.0.0.1:${port}/readyz`, 60_000);
  const password = /password (\S+) \(shown once/.exec(out)?.[1];
  assert.ok(password, `the generated password is printed: ${out}`);
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  assert.equal(login.status, 200);
  const second = vigil(['start'], { VIGIL_DATA_DIR: dataDir, VIGIL_PORT: String(Number(port) + 1) });
  assert.notEqual(second.status, 0);
  assert.match(second.stderr, /in use by process \d+/);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
});

test(
  'vigil server refuses pending migrations and says so; migrate up/status/down work; bad config names the ' +
    'variable',
  async () => {
    const db = await freshDatabase({ migrated: false });
    try {
      const env = { DATABASE_URL: db.url, VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-srv-')) };
      const refused = vigil(['server'], { ...env, VIGIL_PORT: '0' });
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /pending migration\(s\): 0001_initial.*vigil migrate up/s);
      const up = vigil(['migrate', 'up'], env);
      assert.equal(up.status, 0, up.stderr);
      assert.match(up.stdout, /Applied: 0001_initial/);
      assert.match(vigil(['migrate', 'status'], env).stdout, /applied\s+0001_initial/);
      const user = vigil(['user', 'create', 'carol', '--password', 'long enough pw'], env);
      assert.equal(user.status, 0, user.stderr);
      const token = vigil(['token', 'create', '--user', 'carol', '--name', 'ci', '--expires', '7'], env);
      assert.equal(token.status, 0, token.stderr);
      assert.match(token.stdout.trim(), /^vgl_[A-Za-z0-9_-]+$/);
      const down = vigil(['migrate', 'down'], env);
      assert.equal(down.status, 0, down.stderr);
      const last = Object.keys(migrations).at(-1)!;
      assert.match(
        vigil(['migrate', 'status'], env).stdout,
        new RegExp(`pending\\s+${last}`),
        'down rolls back the last migration only',
      );
      assert.match(vigil(['migrate', 'status'], env).stdout, /applied\s+0001_initial/);
      const bad = vigil(['migrate', 'status'], { ...env, VIGIL_PORT: 'eighty' });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /VIGIL_PORT/);
      assert.match(vigil(['--help'], env).stdout, /migrate/);
      assert.match(vigil(['migrate', '--help'], env).stdout, /status/);
    } finally {
      await db.drop();
    }
  },
);
