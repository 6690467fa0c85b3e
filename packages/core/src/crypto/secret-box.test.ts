import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.ts';

test('seal/open round-trips and never contains the plaintext', () => {
  const box = new SecretBox(randomBytes(32));
  const sealed = box.seal('api-token-123');
  assert.ok(!sealed.includes('api-token-123'));
  assert.notEqual(box.seal('api-token-123'), sealed, 'a fresh IV per value');
  assert.equal(box.open(sealed), 'api-token-123');
});

test('a wrong key or a tampered value fails', () => {
  const sealed = new SecretBox(randomBytes(32)).seal('secret');
  assert.throws(() => new SecretBox(randomBytes(32)).open(sealed));
  const box = new SecretBox(Buffer.alloc(32, 1));
  const good = box.seal('secret');
  const parts = good.split(':');
  parts[3] = Buffer.from('other!').toString('base64url');
  assert.throws(() => box.open(parts.join(':')));
  assert.throws(() => new SecretBox(Buffer.alloc(16)));
});
