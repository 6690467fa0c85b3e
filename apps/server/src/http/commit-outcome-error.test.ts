import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { DatabaseUnavailableError, type Database, type Repositories } from '@vigil/db';
import { runTransaction } from '../../../../packages/db/src/transaction.ts';
import { registerErrorHandler } from './error-handler.ts';

// The connection dies under a statement: what the answer may promise depends on whether a write
// could have committed (issue 13 item 18).
const connectionLost = () => new Error('Connection terminated unexpectedly');

/** A Kysely stand-in whose transaction runs the work, then fails as a lost COMMIT would when asked. */
function fakeDb(commitFails: boolean): Kysely<Database> {
  return {
    transaction: () => ({
      execute: async (fn: (trx: unknown) => Promise<unknown>) => {
        const value = await fn({});
        if (commitFails) throw connectionLost();
        return value;
      },
    }),
  } as unknown as Kysely<Database>;
}

async function appThrowing(): Promise<ReturnType<typeof Fastify>> {
  const app = Fastify();
  registerErrorHandler(app);
  const bind = () => ({}) as Repositories;
  app.post('/autocommit', async () => {
    throw connectionLost();
  });
  app.get('/read', async () => {
    throw connectionLost();
  });
  app.post('/in-transaction', async () =>
    runTransaction(fakeDb(false), bind, async () => {
      throw connectionLost();
    }),
  );
  app.post('/at-commit', async () => runTransaction(fakeDb(true), bind, async () => 'done'));
  app.post('/no-primary', async () => {
    throw new DatabaseUnavailableError('no writable primary');
  });
  await app.ready();
  return app;
}

test(
  'a write whose own statement lost its connection is ' + 'reported as of unknown outcome, with no retry advice',
  async () => {
    const app = await appThrowing();
    for (const url of ['/autocommit', '/at-commit']) {
      const res = await app.inject({ method: 'POST', url });
      assert.equal(res.statusCode, 503, url);
      assert.equal(res.json().error.code, 'COMMIT_OUTCOME_UNKNOWN', url);
      assert.match(res.json().error.message, /may or may not have been saved/, url);
      assert.doesNotMatch(res.json().error.message, /retry/i, url);
      assert.equal(res.headers['retry-after'], undefined, url);
    }
    await app.close();
  },
);

test('a connection lost before anything could commit stays DATABASE_UNAVAILABLE, safe to retry', async () => {
  const app = await appThrowing();
  for (const [method, url] of [
    ['POST', '/in-transaction'],
    ['GET', '/read'],
    ['POST', '/no-primary'],
  ] as const) {
    const res = await app.inject({ method, url });
    assert.equal(res.statusCode, 503, url);
    assert.equal(res.json().error.code, 'DATABASE_UNAVAILABLE', url);
    assert.equal(res.headers['retry-after'], '1', url);
  }
  await app.close();
});
