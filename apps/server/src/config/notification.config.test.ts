import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

const cwd = () => mkdtempSync(join(tmpdir(), 'vigil-ncfg-'));

test('notification settings: defaults, SMTP only when a host is set, allow-list split', () => {
  const base = loadConfig({}, cwd());
  assert.equal(base.notifications.smtp, undefined);
  assert.deepEqual(base.notifications.outboundAllow, []);
  assert.equal(base.notifications.telegramApiUrl, 'https://api.telegram.org');
  assert.equal(base.notifications.publicUrl, '');
  const c = loadConfig(
    {
      VIGIL_SMTP_HOST: 'mail.example.com',
      VIGIL_SMTP_PORT: '465',
      VIGIL_SMTP_SECURE: 'true',
      VIGIL_SMTP_USER: 'vigil',
      VIGIL_SMTP_PASSWORD: 'pw',
      VIGIL_SMTP_FROM: 'Vigil <vigil@example.com>',
      VIGIL_OUTBOUND_ALLOW: '127.0.0.1/32, 10.0.0.0/8',
      VIGIL_PUBLIC_URL: 'https://vigil.example.com/',
    },
    cwd(),
  );
  assert.deepEqual(c.notifications.smtp, {
    host: 'mail.example.com',
    port: 465,
    secure: true,
    requireTls: false,
    user: 'vigil',
    password: 'pw',
    from: 'Vigil <vigil@example.com>',
  });
  assert.deepEqual(c.notifications.outboundAllow, ['127.0.0.1/32', '10.0.0.0/8']);
  assert.equal(c.notifications.publicUrl, 'https://vigil.example.com');
});

test('bad notification settings name the variable', () => {
  for (const bad of ['internal.example', '10.0.0.0/99', '127.0.0.1,::1/200']) {
    assert.throws(
      () => loadConfig({ VIGIL_OUTBOUND_ALLOW: bad }, cwd()),
      (e: unknown) => e instanceof ConfigError && /VIGIL_OUTBOUND_ALLOW/.test(e.message),
      bad,
    );
  }
  assert.deepEqual(loadConfig({ VIGIL_OUTBOUND_ALLOW: '::1, fd00::/8' }, cwd()).notifications.outboundAllow, [
    '::1',
    'fd00::/8',
  ]);
  assert.throws(
    () => loadConfig({ VIGIL_SMTP_FROM: 'not an address' }, cwd()),
    (e: unknown) => e instanceof ConfigError && /VIGIL_SMTP_FROM/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ VIGIL_PUBLIC_URL: 'vigil' }, cwd()),
    (e: unknown) => e instanceof ConfigError && /VIGIL_PUBLIC_URL/.test(e.message),
  );
});
