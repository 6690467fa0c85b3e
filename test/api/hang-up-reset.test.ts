import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { sql } from 'kysely';
import { freshDatabaseOf, type DatabaseKindUnderTest } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

// Issue 13 follow-up F1: a request whose body has fully arrived is carried out even when the client
// resets the connection (RST, socket.resetAndDestroy()) right after the last byte. Node's HTTP
// server destroys every request not yet answered when its socket closes; the body is read eagerly
// (connections.ts) so it survives. A request whose body did not arrive completely is not carried out.

const N = 20;
const SIM_CREDENTIAL = 'simulator:super_safe!';
const SIM = `Basic ${Buffer.from(SIM_CREDENTIAL).toString('base64')}`;

function requestText(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
  contentLength = Buffer.byteLength(body),
): string {
  const head = Object.entries({
    host: `127.0.0.1:${port}`,
    'content-type': 'application/json',
    'content-length': String(contentLength),
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `POST ${path} HTTP/1.1\r\n${head}\r\n${body}`;
}

/** Sends the request text and resets the connection (RST) as soon as its last byte is written. */
function sendAndReset(port: number, text: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('connect', () =>
      socket.write(text, () => {
        socket.resetAndDestroy();
        resolve();
      }),
    );
  });
}

for (const kind of ['postgres', 'embedded'] as DatabaseKindUnderTest[]) {
  describe(kind, () => {
    let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
    let h: Harness;
    let port: number;
    before(async () => {
      db = await freshDatabaseOf(kind);
      h = await createHarness(db.uow, { minitwitSimulatorAuth: SIM_CREDENTIAL });
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      port = (h.app.server.address() as { port: number }).port;
    });
    after(async () => {
      await h.close();
      await db.close();
    });

    const postsContaining = async (prefix: string): Promise<number> => {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM feed_posts WHERE text LIKE ${`${prefix}%`}`.execute(db.handle.db);
      return Number(rows[0]!.n);
    };
    const waitForPosts = async (prefix: string, expected: number): Promise<number> => {
      // On a timeout the count so far is returned: the caller's assertion says how many are missing.
      await waitFor(async () => (await postsContaining(prefix)) >= expected, {
        what: `${expected} posts`,
        timeoutMs: 20_000,
        everyMs: 50,
      }).catch(() => undefined);
      return postsContaining(prefix);
    };

    test('MiniTwit: 20 complete tweets whose connections are reset right after the last byte are all stored', async () => {
      const reg = await h.app.inject({
        method: 'POST',
        url: '/api/minitwit/register',
        headers: { authorization: SIM },
        payload: { username: 'reset', email: 'reset@example.com', pwd: 'x' },
      });
      assert.equal(reg.statusCode, 204, reg.body);
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          sendAndReset(
            port,
            requestText(
              port,
              `/api/minitwit/msgs/reset?latest=${i}`,
              { authorization: SIM },
              JSON.stringify({ content: `minitwit-reset ${i}` }),
            ),
          ),
        ),
      );
      assert.equal(await waitForPosts('minitwit-reset', N), N);
    });

    test('MiniTwit: tweets reset while the latest-counter write holds them in onRequest are all stored', {
      skip: kind !== 'postgres' && 'needs a second connection to hold the lock',
    }, async () => {
      const reg = await h.app.inject({
        method: 'POST',
        url: '/api/minitwit/register',
        headers: { authorization: SIM },
        payload: { username: 'held', email: 'held@example.com', pwd: 'x' },
      });
      assert.equal(reg.statusCode, 204, reg.body);
      // Count the requests the server has seen, and those Node has destroyed (on the reset).
      let seen = 0;
      let destroyed = 0;
      const onRequest = (req: import('node:http').IncomingMessage) => {
        if (!req.url?.includes('/msgs/held')) return;
        seen++;
        req.once('close', () => destroyed++);
      };
      h.app.server.on('request', onRequest);
      try {
        await db.handle.db.transaction().execute(async (trx) => {
          // MiniTwit's onRequest hook stores `latest` before the body is parsed: hold that write.
          await sql`SELECT latest FROM minitwit_state FOR UPDATE`.execute(trx);
          await Promise.all(
            Array.from({ length: N }, (_, i) =>
              sendAndReset(
                port,
                requestText(
                  port,
                  `/api/minitwit/msgs/held?latest=${1000 + i}`,
                  { authorization: SIM },
                  JSON.stringify({ content: `minitwit-held ${i}` }),
                ),
              ),
            ),
          );
          await waitFor(() => seen === N && destroyed === N, {
            what: `${N} requests seen and destroyed by the reset (seen ${seen}, destroyed ${destroyed})`,
            timeoutMs: 20_000,
          });
        });
      } finally {
        h.app.server.off('request', onRequest);
      }
      assert.equal(await waitForPosts('minitwit-held', N), N);
    });

    test('API v1: 20 complete feed posts whose connections are reset right after the last byte are all stored', async () => {
      const alice = await h.user('alice');
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          sendAndReset(
            port,
            requestText(
              port,
              '/api/v1/feed/posts',
              { authorization: `Token ${alice.token}` },
              JSON.stringify({ text: `api-reset ${i}` }),
            ),
          ),
        ),
      );
      assert.equal(await waitForPosts('api-reset', N), N);
    });

    test('a body cut short by the reset is not carried out', async () => {
      const bob = await h.user('bob');
      const body = JSON.stringify({ text: 'cut-short post' });
      // Announces two bytes more than it sends, then resets: the body never completes.
      await sendAndReset(
        port,
        requestText(
          port,
          '/api/v1/feed/posts',
          { authorization: `Token ${bob.token}` },
          body,
          Buffer.byteLength(body) + 2,
        ),
      );
      // A complete post sent after it is stored; by then the cut one would have been too.
      await sendAndReset(
        port,
        requestText(
          port,
          '/api/v1/feed/posts',
          { authorization: `Token ${bob.token}` },
          JSON.stringify({ text: 'cut-marker' }),
        ),
      );
      assert.equal(await waitForPosts('cut-marker', 1), 1);
      assert.equal(await postsContaining('cut-short'), 0);
    });
  });
}
