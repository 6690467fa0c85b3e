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
  assert.throws(
    () => loadConfig({ VIGIL_PORT: 'eighty' }, dir()),
    (e: unknown) => e instanceof ConfigError && /VIGIL_PORT/.test(e.message),
  );
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

test('HTTP timeouts and the metrics token: defaults, overrides, and errors naming the variable', () => {
  const defaults = loadConfig({}, dir());
  assert.deepEqual(defaults.httpTimeouts, {
    headersMs: 20_000,
    bodyMs: 60_000,
    uploadMs: 900_000,
    keepAliveMs: 72_000,
  });
  assert.equal(defaults.metricsToken, undefined, 'no token: business metrics are not exposed');
  const c = loadConfig(
    {
      VIGIL_HTTP_HEADERS_TIMEOUT_SECONDS: '5',
      VIGIL_HTTP_BODY_TIMEOUT_SECONDS: '1.5',
      VIGIL_HTTP_UPLOAD_TIMEOUT_SECONDS: '3600',
      VIGIL_HTTP_KEEPALIVE_TIMEOUT_SECONDS: '65',
      VIGIL_METRICS_TOKEN: 'a'.repeat(32),
    },
    dir(),
  );
  assert.deepEqual(c.httpTimeouts, { headersMs: 5000, bodyMs: 1500, uploadMs: 3_600_000, keepAliveMs: 65_000 });
  assert.equal(c.metricsToken, 'a'.repeat(32));
  assert.equal(loadConfig({ VIGIL_METRICS_TOKEN: '' }, dir()).metricsToken, undefined, 'empty = unset');
  assert.throws(() => loadConfig({ VIGIL_HTTP_BODY_TIMEOUT_SECONDS: '0' }, dir()), /VIGIL_HTTP_BODY_TIMEOUT_SECONDS/);
  assert.throws(
    () => loadConfig({ VIGIL_HTTP_HEADERS_TIMEOUT_SECONDS: 'soon' }, dir()),
    /VIGIL_HTTP_HEADERS_TIMEOUT_SECONDS/,
  );
  assert.throws(() => loadConfig({ VIGIL_METRICS_TOKEN: 'short' }, dir()), /VIGIL_METRICS_TOKEN: must be at least 16/);
  assert.throws(() => loadConfig({ VIGIL_METRICS_TOKEN: 'has a space in the middle' }, dir()), /VIGIL_METRICS_TOKEN/);
});
