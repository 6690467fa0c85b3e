import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';
import { openConversation, trickle } from '../support/slow-client.ts';

// Issue 13 follow-up F3: a multipart Content-Type no longer buys the long upload timeout. Only an
// upload route (import, finding files) with an authenticated caller gets it; any other request
// answered while its body is still arriving is closed right after the answer, and the rest of its
// body is not read. Real listening server, raw sockets, short configured timeouts.

const TIMEOUTS = { headersMs: 2000, bodyMs: 3000, uploadMs: 10_000, keepAliveMs: 2000 };

let db: TestDatabase;
let h: Harness;
let port: number;
let alice: TestUser;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { httpTimeouts: TIMEOUTS });
  alice = await h.user('alice');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as { port: number }).port;
});
after(async () => {
  await h.close();
  await db.drop();
});

const open = () => openConversation(port);

/** Opens a multipart POST announcing a large body, sends the headers and one byte every 500 ms. */
async function slowMultipart(path: string, auth?: string): Promise<{ received: string; ms: number }> {
  const { headers } = multipartBody({});
  const c = await open();
  const authorization = auth ? `Authorization: ${auth}\r\n` : '';
  c.socket.write(
    `POST ${path} HTTP/1.1\r\nHost: x\r\n${authorization}Content-Type: ${headers['content-type']}\r\nContent-Length: ` +
      `100000\r\n\r\n`,
  );
  void trickle(c.socket, 500);
  const result = await c.closed;
  c.socket.destroy();
  return result;
}

for (const path of [
  '/api/v1/auth/login',
  '/feed/login',
  '/api/v1/import',
  '/api/v2/import-scan/',
  '/api/v2/reimport-scan/',
  '/api/v1/findings/1/files',
]) {
  test(
    `anonymous slow multipart POST ${path}: answered ` + `and closed at once, not held for the upload timeout`,
    async () => {
      const { received, ms } = await slowMultipart(path);
      assert.match(received, /^HTTP\/1\.1 4\d\d /, received || '(no response)');
      assert.doesNotMatch(received, /^HTTP\/1\.1 408 /);
      assert.match(received, /\r\nconnection: close\r\n/i);
      assert.ok(ms < TIMEOUTS.bodyMs, `closed after ${ms} ms`);
    },
  );
}

test('authenticated slow multipart POST to a route that takes no upload: closed within the body timeout', async () => {
  const { received, ms } = await slowMultipart('/api/v1/feed/posts', `Token ${alice.token}`);
  assert.match(received, /^HTTP\/1\.1 4\d\d /, received || '(no response)');
  assert.ok(ms < TIMEOUTS.bodyMs + 1000, `closed after ${ms} ms`);
});

test('authenticated slow multipart upload past the upload timeout: 408 after the upload timeout', async () => {
  const { received, ms } = await slowMultipart('/api/v1/import', `Token ${alice.token}`);
  assert.match(received, /^HTTP\/1\.1 408 /, received || '(no response)');
  assert.match(received, /within 10 s/);
  assert.ok(ms >= TIMEOUTS.uploadMs - 100 && ms < TIMEOUTS.uploadMs + 3000, `closed after ${ms} ms`);
});

test('100 anonymous slow multipart logins at once are all closed within the body timeout', async () => {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 100 }, () => slowMultipart('/api/v1/auth/login')));
  const slowest = Math.max(...results.map((r) => r.ms));
  assert.ok(Date.now() - started < TIMEOUTS.bodyMs + 1000, `the last closed after ${Date.now() - started} ms`);
  assert.ok(slowest < TIMEOUTS.bodyMs, `slowest ${slowest} ms`);
});
