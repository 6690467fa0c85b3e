import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';
import { openConversation, trickle } from '../support/slow-client.ts';

// Issue 13 item 15: header, body and idle timeouts. A slow client against short configured
// timeouts on a real listening server; each test waits for the server to close the socket.

const TIMEOUTS = { headersMs: 1000, bodyMs: 1500, uploadMs: 6000, keepAliveMs: 1000 };

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

test(
  'a login body sent one byte at a time is answered ' + '408 and the connection closed after the body timeout',
  async () => {
    const body = JSON.stringify({ username: 'alice', password: 'correct horse battery' });
    const c = await open();
    c.socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: ` +
        `application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    void trickle(c.socket, 200, body);
    const { received, ms } = await c.closed;
    assert.match(received, /^HTTP\/1\.1 408 /);
    assert.match(received, /"code":"REQUEST_TIMEOUT","message":"The request body did not arrive within 1.5 s"/);
    assert.ok(ms >= TIMEOUTS.bodyMs - 100, `closed after ${ms} ms`);
    assert.ok(ms < TIMEOUTS.bodyMs + 5000, `closed after ${ms} ms`);
  },
);

test('headers sent one byte at a time: 408 and closed after the header timeout', async () => {
  const c = await open();
  void trickle(c.socket, 100, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200));
  const { received, ms } = await c.closed;
  assert.match(received, /^HTTP\/1\.1 408 /);
  assert.ok(ms < TIMEOUTS.headersMs + 5000, `closed after ${ms} ms`);
});

test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
  const c = await open();
  c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  const { received, ms } = await c.closed;
  assert.match(received, /^HTTP\/1\.1 200 /);
  assert.ok(ms >= TIMEOUTS.keepAliveMs - 100 && ms < TIMEOUTS.keepAliveMs + 5000, `closed after ${ms} ms`);
});

test('a connection that sends nothing is closed', async () => {
  const c = await open();
  const { ms } = await c.closed;
  assert.ok(ms < TIMEOUTS.headersMs + TIMEOUTS.keepAliveMs + 5000, `closed after ${ms} ms`);
});

test('a multipart upload slower than the body timeout but within the upload timeout is carried out', async () => {
  const { payload, headers } = multipartBody(
    { scanType: 'No Such Scanner', engagementId: '1' },
    { name: 'report.json', content: '{}' },
  );
  const c = await open();
  c.socket.write(
    `POST /api/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${alice.token}\r\nContent-Type: ` +
      `${headers['content-type']}\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`,
  );
  // About 2.5 s for the body: past the 1.5 s body timeout, within the 6 s upload timeout.
  await trickle(c.socket, Math.ceil(2500 / payload.length), payload);
  const { received } = await c.closed;
  assert.doesNotMatch(received, /^HTTP\/1\.1 408 /);
  assert.match(received, /^HTTP\/1\.1 4\d\d /, 'the import route answered (the scan type is unknown)');
});
