import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
  await h.user('bob');
  await h.user('carol');
});
after(async () => {
  await h.close();
  await db.drop();
});

/** A browser: keeps cookies, posts forms. */
function browser() {
  const jar = new Map<string, string>();
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!c.value || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  return {
    jar,
    get: async (url: string) => keep(await h.app.inject({ method: 'GET', url, headers: { cookie: cookie() } })),
    post: async (url: string, form: Record<string, string>, withCsrf = true) => {
      const body = new URLSearchParams(form);
      if (withCsrf && jar.has('vigil_csrf')) body.set('_csrf', jar.get('vigil_csrf')!);
      return keep(
        await h.app.inject({
          method: 'POST',
          url,
          payload: body.toString(),
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        }),
      );
    },
  };
}

test('anonymous visitors see the public timeline and a sign-in link; my timeline redirects there', async () => {
  const b = browser();
  const root = await b.get('/feed');
  assert.equal(root.statusCode, 302);
  assert.equal(root.headers.location, '/feed/public');
  const pub = await b.get('/feed/public');
  assert.equal(pub.statusCode, 200);
  assert.match(pub.headers['content-type'] as string, /text\/html/);
  assert.match(pub.body, /Public timeline/);
  assert.match(pub.body, /href="\/feed\/login"/);
  const missing = await b.get('/feed/nobody');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /User &quot;nobody&quot; was not found/);
  assert.equal(
    (await h.app.inject({ method: 'GET', url: '/api/v1/feed/public' })).statusCode,
    401,
    '/api is not shadowed',
  );
});

test('sign in, post (escaped), follow and unfollow with flash messages, sign out', async () => {
  const b = browser();
  const wrong = await b.post('/feed/login', { username: 'bob', password: 'nope' });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /Invalid username or password/);
  const login = await b.post('/feed/login', { username: 'bob', password: 'correct horse battery' });
  assert.equal(login.statusCode, 303);
  assert.equal(login.headers.location, '/feed');
  assert.ok(b.jar.has('vigil_session') && b.jar.has('vigil_csrf'));
  const home = await b.get('/feed');
  assert.match(home.body, /You were logged in/);
  assert.match(home.body, new RegExp(`name="_csrf" value="${b.jar.get('vigil_csrf')}"`));
  assert.doesNotMatch((await b.get('/feed')).body, /You were logged in/, 'a flash shows once');

  const posted = await b.post('/feed/add_message', { text: '<script>alert("x")</script> **bold**' });
  assert.equal(posted.statusCode, 303);
  const after = await b.get('/feed');
  assert.match(after.body, /Your message was recorded/);
  assert.match(after.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; <strong>bold<\/strong>/);
  assert.doesNotMatch(after.body, /<script>/);

  const forged = await b.post('/feed/add_message', { text: 'forged' }, false);
  assert.equal(forged.statusCode, 403, 'a form without the CSRF token is refused');
  assert.match(forged.headers['content-type'] as string, /text\/html/);

  const profile = await b.get('/feed/carol');
  assert.match(profile.body, /You are not yet following this user/);
  assert.equal((await b.post('/feed/carol/follow', {})).headers.location, '/feed/carol');
  const following = await b.get('/feed/carol');
  assert.match(following.body, /You are now following &quot;carol&quot;/);
  assert.match(following.body, /Unfollow user/);
  await b.post('/feed/carol/unfollow', {});
  assert.match((await b.get('/feed/carol')).body, /You are no longer following &quot;carol&quot;/);
  assert.match((await b.get('/feed/bob')).body, /This is you!/);

  const out = await b.post('/feed/logout', {});
  assert.equal(out.headers.location, '/feed/public');
  assert.ok(!b.jar.has('vigil_session'));
  assert.match((await b.get('/feed/public')).body, /You were logged out/);
  assert.equal((await b.get('/feed')).statusCode, 302);
});

test('markup in posts is escaped on the pages; names with markup cannot be registered', async () => {
  const reg = await h.app.inject({
    method: 'POST',
    url: '/api/minitwit/register',
    payload: { username: 'x"onmouseover=alert(1)', email: 'a@b', pwd: 'p' },
  });
  assert.equal(reg.statusCode, 400);
  // A feed-only account's post: visitors who are not signed in see those (and only those).
  await h.app.inject({
    method: 'POST',
    url: '/api/minitwit/register',
    payload: { username: 'dave', email: 'd@b', pwd: 'p' },
  });
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/minitwit/msgs/dave',
    headers: { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' },
    payload: { content: '<img src=x onerror=alert(1)> [a](https://e.org/"x)' },
  });
  assert.equal(res.statusCode, 204);
  for (const url of ['/feed/public', '/feed/dave']) {
    const page = await h.app.inject({ method: 'GET', url });
    assert.match(page.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(page.body, /<img/);
    assert.doesNotMatch(page.body, /href="https:\/\/e.org\/"/);
  }
});

test(
  'signed-in timelines update live: the page says which posts belong on it and loads the live script; posts ' +
    'publish feed.posted events',
  async () => {
    const b = browser();
    await b.get('/feed/login');
    assert.equal(
      (await b.post('/feed/login', { username: 'carol', password: 'correct horse battery' })).statusCode,
      303,
    );
    await b.post('/feed/bob/follow', {});
    const mine = await b.get('/feed');
    assert.match(mine.body, /<main data-live="personal" data-me="carol" data-follows="bob" data-products="">/);
    assert.match(mine.body, /<script src="\/feed\/assets\/live.js" defer><\/script>/);
    assert.match((await b.get('/feed/public')).body, /<main data-live="public" data-me="carol">/);
    assert.match((await b.get('/feed/bob')).body, /data-live="user" data-me="carol" data-user="bob"/);
    assert.doesNotMatch((await b.get('/feed/public?cursor=abc')).body, /data-live/, 'older pages stay still');
    const anonymous = await browser().get('/feed/public');
    assert.doesNotMatch(anonymous.body, /data-live|<script/, 'no socket for visitors');
    const script = await b.get('/feed/assets/live.js');
    assert.equal(script.statusCode, 200);
    assert.match(script.headers['content-type'] as string, /javascript/);
    assert.match(script.body, /feed\.posted/);
    const client = await b.get('/feed/assets/socket.io.min.js');
    assert.equal(client.statusCode, 200);
    assert.ok(client.body.length > 10_000);

    const { LOG_START } = await import('@vigil/db');
    const before = (await db.uow.repos.events.readAfter(LOG_START, 10_000)).length;
    await b.post('/feed/add_message', { text: 'live **now**' });
    const events = (await db.uow.repos.events.readAfter(LOG_START, 10_000))
      .slice(before)
      .filter((e) => e.type === 'feed.posted');
    assert.equal(events.length, 1);
    assert.ok(events[0].topics.includes('public'));
    assert.equal(events[0].payload.text, 'live **now**');
    assert.match(
      (await b.get('/feed/public')).body,
      new RegExp(
        /<li id="post-\d+"><strong><a href="\/feed\/carol">carol<\/a><\/strong> /.source +
          /<span class="text">live <strong>now<\/strong>/.source,
      ),
    );
  },
);
