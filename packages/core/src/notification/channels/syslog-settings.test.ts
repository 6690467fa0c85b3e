import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryError } from './delivery-error.ts';
import { syslogSettings } from './syslog.sender.ts';

test('stored syslog settings are read with their optional fields', () => {
  assert.deepEqual(syslogSettings({ host: 'siem.example', port: 6514, protocol: 'tls', facility: 10, caPem: 'PEM' }), {
    host: 'siem.example',
    port: 6514,
    protocol: 'tls',
    facility: 10,
    caPem: 'PEM',
  });
  assert.deepEqual(syslogSettings({ host: 'siem.example', port: 514, protocol: 'udp' }), {
    host: 'siem.example',
    port: 514,
    protocol: 'udp',
  });
});

test('a broken row is a delivery error that retrying cannot fix', () => {
  for (const broken of [
    { port: 514, protocol: 'udp' },
    { host: 'h', port: '514', protocol: 'udp' },
    { host: 'h', port: 514, protocol: 'http' },
  ]) {
    assert.throws(
      () => syslogSettings(broken),
      (err: unknown) => err instanceof DeliveryError && !err.retryable,
      JSON.stringify(broken),
    );
  }
});
