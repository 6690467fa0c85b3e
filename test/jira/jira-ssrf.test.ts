import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JiraClient, OutboundGuard, SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { LOOPBACK_ALLOW } from './jira-support.ts';

/**
 * Issue 13 item 9: the Jira instance URL goes through the outbound SSRF guard like every other
 * outbound call (it used to contact loopback with the instance's credentials and echo the reply),
 * and no error text carries what the remote end answered.
 */
const SECRET_BODY = 'INTERNAL-ONLY root:x:0:0 metadata-token';

interface Recorder {
  server: Server;
  requests: { method: string; url: string; authorization?: string }[];
  port: number;
}

/** A local HTTP server that records every request and answers `reply`. */
async function recorder(
  host: string,
  reply: (res: import('node:http').ServerResponse) => void = (res) =>
    res.end(JSON.stringify({ name: 'x', displayName: SECRET_BODY })),
): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, requests, port: (server.address() as AddressInfo).port };
}

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let v4: Recorder;
let v6: Recorder;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow); // no VIGIL_OUTBOUND_ALLOW: loopback and private ranges are refused
  admin = await h.user('admin', { admin: true });
  v4 = await recorder('127.0.0.1');
  v6 = await recorder('::1');
});
after(async () => {
  v4.server.close();
  v6.server.close();
  await h.close();
  await db.drop();
});

test(
  'saving a Jira instance at 127.0.0.1, [::1] or a name resolving to loopback is refused naming the url; nothing ' +
    'is contacted',
  async () => {
    for (const url of [
      `http://127.0.0.1:${v4.port}`,
      `http://[::1]:${v6.port}/`,
      `http://localhost:${v4.port}`,
      `http://127.1:${v4.port}`,
      `http://[::ffff:127.0.0.1]:${v4.port}`,
    ]) {
      const res = await admin.post('/api/v1/jira/instances', {
        name: `J ${url}`,
        url,
        username: 'bot',
        token: 'instance-token',
      });
      assert.equal(res.statusCode, 422, `${url}: ${res.body}`);
      const error = res.json().error;
      assert.match(error.message, /loopback/, url);
      assert.match(error.message, /VIGIL_OUTBOUND_ALLOW/);
      assert.equal(error.details[0].path, 'url');
    }
    assert.deepEqual((await admin.get('/api/v1/jira/instances')).json().items, [], 'nothing stored');

    // Changing an instance's URL to loopback is refused the same way.
    const row = await db.uow.repos.jiraInstances.insert({
      name: 'Public',
      url: 'https://93.184.215.14',
      username: 'bot',
      token_sealed: 'v1:x',
      webhook_secret_digest: 'd',
      false_positive_resolutions: [],
      risk_accepted_resolutions: [],
    });
    const patched = await admin.patch(`/api/v1/jira/instances/${row.id}`, { url: `http://[::1]:${v6.port}` });
    assert.equal(patched.statusCode, 422, patched.body);
    assert.equal((await db.uow.repos.jiraInstances.findById(row.id))?.url, 'https://93.184.215.14');
    assert.deepEqual([...v4.requests, ...v6.requests], [], 'the fake servers received no request');
  },
);

test(
  'an instance stored with a loopback URL (saved before, or DNS changed since) is refused at call time with a ' +
    'clear error',
  async () => {
    const stored: number[] = [];
    for (const [name, url] of [
      ['old v4', `http://127.0.0.1:${v4.port}`],
      ['old v6', `http://[::1]:${v6.port}`],
      ['old name', `http://localhost:${v4.port}`],
    ] as const) {
      const { instance } = await createStored(name, url);
      stored.push(instance.id);
      const res = await admin.post(`/api/v1/jira/instances/${instance.id}/test`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().ok, false);
      assert.match(res.json().error, /The Jira instance URL is refused: .*loopback/);
      assert.ok(!res.body.includes(SECRET_BODY));
    }
    // The sync and reconcile jobs' calls go through the same client.
    await assert.rejects(
      h.services.jiraSync.client((await db.uow.repos.jiraInstances.findById(stored[0]))!).search('project = X'),
      /refused/,
    );
    assert.deepEqual([...v4.requests, ...v6.requests], [], 'the credentials never reached loopback');
  },
);

/**
 * An instance saved with a public URL whose stored URL now points at loopback (saved by an older version, or edited in
 * SQL).
 */
async function createStored(name: string, url: string) {
  const { instance } = await h.services.jiraInstances.create(
    { actor: SYSTEM_ACTOR },
    { name, url: 'https://93.184.215.14', username: 'bot', token: 'instance-token' },
  );
  await db.uow.repos.jiraInstances.update(instance.id, { url });
  return { instance };
}

test(
  'with loopback allowed explicitly, remote error bodies are never echoed (status and a fixed hint only); ' +
    'redirects are not followed',
  async () => {
    const guard = new OutboundGuard(LOOPBACK_ALLOW);
    const client = (port: number) =>
      new JiraClient({ url: `http://127.0.0.1:${port}`, username: 'bot', token: 'tok' }, guard, 2000);
    const failing = await recorder('127.0.0.1', (res) => {
      res.statusCode = 500;
      res.end(`<html>${SECRET_BODY}</html>`);
    });
    const refusing = await recorder('127.0.0.1', (res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errorMessages: [SECRET_BODY], errors: { summary: SECRET_BODY } }));
    });
    const notJson = await recorder('127.0.0.1', (res) => res.end(`<html>${SECRET_BODY}</html>`));
    const target = await recorder('127.0.0.1');
    const redirecting = await recorder('127.0.0.1', (res) => {
      res.statusCode = 302;
      res.setHeader('location', `http://127.0.0.1:${target.port}/rest/api/2/myself`);
      res.end(SECRET_BODY);
    });
    try {
      const messages: string[] = [];
      for (const [r, pattern] of [
        [failing, /^Jira answered 500 to GET \/rest\/api\/2\/myself$/],
        [refusing, /^Jira answered 400 to GET \/rest\/api\/2\/myself \(the request was refused/],
        [notJson, /not JSON/],
        [redirecting, /^Jira answered 302 .*redirects are not followed/],
      ] as const) {
        const err = await client(r.port)
          .myself()
          .then(
            () => assert.fail('expected an error'),
            (e: Error) => e,
          );
        assert.match(err.message, pattern);
        messages.push(err.message);
      }
      for (const m of messages) assert.ok(!m.includes(SECRET_BODY) && !m.includes('INTERNAL-ONLY'), m);
      assert.equal(target.requests.length, 0, 'the redirect target was not contacted');
      assert.equal(redirecting.requests.length, 1);
    } finally {
      for (const r of [failing, refusing, notJson, target, redirecting]) r.server.close();
    }
  },
);
