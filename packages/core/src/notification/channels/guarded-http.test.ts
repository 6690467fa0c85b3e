import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundGuard } from '../outbound-guard.ts';
import { guardedPost, requireSuccess } from './guarded-http.ts';

const SECRET = 'INTERNAL-ONLY metadata-token';

test("a failed send names the status only, never the receiver's body (issue 13 item 9)", async () => {
  const server = createServer((req, res) => {
    req.resume();
    res.statusCode = 500;
    res.end(`<html>${SECRET}</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const r = await guardedPost(new OutboundGuard(['127.0.0.1/32']), url, '{}', {}, 2000);
    assert.equal(r.status, 500);
    assert.throws(
      () => requireSuccess(r, 'The webhook'),
      (err: Error) => err.message === 'The webhook answered HTTP 500',
    );
    await assert.rejects(
      guardedPost(new OutboundGuard([]), url, '{}', {}, 2000),
      /loopback/,
      'refused without the allow-list',
    );
  } finally {
    server.close();
  }
});
