import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '@vigil/core';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { createServices } from '../../apps/server/src/runtime/services.ts';
import { testServicesConfig } from '../support/services-config.ts';
import { LOOPBACK_ALLOWED } from './jira-support.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** The webhook secret is the credential: the request log shows the route pattern, never the path. */
let db: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];

before(async () => {
  db = await freshDatabase();
  const services = createServices(db.uow, testServicesConfig({ notifications: LOOPBACK_ALLOWED }));
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  app = await buildApp({
    services,
    repos: db.uow.repos,
    probe: { pendingMigrations: async () => [] },
    logger: pino({ level: 'info' }, sink),
    bodyLimitBytes: 1 << 20,
    cookieSecure: 'false',
    trustProxy: false,
    version: 'test',
  });
  await app.ready();
  lines.push(''); // marks the start
  const { webhookSecret } = await services.jiraInstances.create(
    { actor: SYSTEM_ACTOR },
    { name: 'J', url: 'http://127.0.0.1:9', username: 'bot', token: 'token-never-logged' },
  );
  for (const secret of [webhookSecret, 'wrong-secret-value']) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/jira/webhook/${secret}`,
      payload: { webhookEvent: 'jira:issue_updated', issue: { id: '1', key: 'X-1' } },
    });
    assert.ok([200, 404].includes(res.statusCode), res.body);
  }
  lines.push(webhookSecret); // kept last, to search for below
});
after(async () => {
  await app.close();
  await db.drop();
});

test('neither the webhook secret nor a guessed one nor the token appears in the logs', () => {
  const secret = lines.pop()!;
  const log = lines.join('');
  assert.match(log, /"route":"\/api\/v1\/jira\/webhook\/:secret"/);
  assert.match(log, /"path":"\/api\/v1\/jira\/webhook\/:secret"/);
  assert.ok(!log.includes(secret), 'the secret is not logged');
  assert.ok(!log.includes('wrong-secret-value'), 'a guessed secret is not logged either');
  assert.ok(!log.includes('token-never-logged'));
});
