import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'vigil-config-'));

test('defaults: port 8080, ./data, embedded database, generated secret key', () => {
  const cwd = dir();
  const c = loadConfig({}, cwd);
  assert.equal(c.port, 8080);
  assert.equal(c.dataDir, join(cwd, 'data'));
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.secretKey.length, 32);
  assert.deepEqual(loadConfig({}, cwd).secretKey, c.secretKey, 'the generated key is kept');
});

test('an invalid value stops start-up with a message naming the variable', () => {
  assert.throws(() => loadConfig({ VIGIL_PORT: 'eighty' }, dir()), (e: unknown) => e instanceof ConfigError && /VIGIL_PORT/.test(e.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }, dir()), /DATABASE_URL/);
  assert.throws(() => loadConfig({ VIGIL_LOG_LEVEL: 'loud' }, dir()), /VIGIL_LOG_LEVEL/);
  assert.throws(() => loadConfig({ VIGIL_ADMIN_PASSWORD: 'short' }, dir()), /VIGIL_ADMIN_PASSWORD/);
});

test('.env is honoured and the environment wins over it', () => {
  const cwd = dir();
  writeFileSync(join(cwd, '.env'), 'VIGIL_PORT=9090\nVIGIL_HOST=127.0.0.1\n');
  const c = loadConfig({ VIGIL_HOST: '::1' }, cwd);
  assert.equal(c.port, 9090);
  assert.equal(c.host, '::1');
});
