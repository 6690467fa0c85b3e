import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Replays a deterministic stream of simulator actions (register / tweet / follow / unfollow, each
 * with its `latest` id, some deliberately wrong) against a model of MiniTwit, checking every
 * response, then compares the final state: follows of every user and message counts.
 */
const P = '/api/minitwit';
const SIM = { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' };
const ACTIONS = 3000;
const FIRST = ['Roger', 'Eun', 'Jacqualine', 'Mellie', 'Johnnie', 'Octavio', 'Ayana', 'Hai', 'Brice', 'Nathan'];
const LAST = ['Histand', 'Haertel', 'Gilcoine', 'Yabuki', 'Calleo', 'Wagner', 'Konopka', 'Lozada', 'Rua', 'Sifford'];

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let db: TestDatabase;
let h: Harness;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
});
after(async () => {
  await h.close();
  await db.drop();
});

test(`replay of ${ACTIONS} simulator actions matches the MiniTwit model`, async () => {
  const rand = prng(20210517);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const users: string[] = [];
  const follows = new Map<string, Set<string>>();
  const messages = new Map<string, number>();
  let lastTweet = '';
  let nameSeq = 0;
  const counts = { register: 0, tweet: 0, follow: 0, unfollow: 0, errors: 0 };

  for (let latest = 1; latest <= ACTIONS; latest++) {
    const roll = rand();
    const q = `latest=${latest}`;
    let expected: number;
    let res;
    if (users.length < 4 || roll < 0.06) {
      const duplicate = users.length > 0 && rand() < 0.1;
      const username = duplicate ? pick(users) : `${pick(FIRST)} ${pick(LAST)} ${++nameSeq}`;
      res = await h.app.inject({
        method: 'POST',
        url: `${P}/register?${q}`,
        payload: { username, email: `${nameSeq}@test`, pwd: 'x' },
      });
      expected = duplicate ? 400 : 204;
      if (duplicate) assert.deepEqual(res.json(), { status: 400, error_msg: 'The username is already taken' });
      else {
        users.push(username);
        follows.set(username, new Set());
        messages.set(username, 0);
        counts.register++;
      }
    } else if (roll < 0.55) {
      const unknown = rand() < 0.02;
      const user = unknown ? `ghost ${latest}` : pick(users);
      const content = `message ${latest} from ${user} <b>&</b>`;
      res = await h.app.inject({
        method: 'POST',
        url: `${P}/msgs/${encodeURIComponent(user)}?${q}`,
        headers: SIM,
        payload: { content },
      });
      expected = unknown ? 404 : 204;
      if (!unknown) {
        messages.set(user, messages.get(user)! + 1);
        lastTweet = content;
        counts.tweet++;
      }
    } else if (roll < 0.85) {
      const who = pick(users);
      let whom = pick(users);
      while (whom === who) whom = pick(users);
      const unknown = rand() < 0.02;
      res = await h.app.inject({
        method: 'POST',
        url: `${P}/fllws/${encodeURIComponent(who)}?${q}`,
        headers: SIM,
        payload: { follow: unknown ? 'ghost' : whom },
      });
      expected = unknown ? 404 : 204;
      if (!unknown) {
        follows.get(who)!.add(whom);
        counts.follow++;
      }
    } else {
      const withFollows = users.filter((u) => follows.get(u)!.size > 0);
      const who = withFollows.length ? pick(withFollows) : pick(users);
      const set = follows.get(who)!;
      const whom = set.size ? pick([...set]) : pick(users.filter((u) => u !== who));
      res = await h.app.inject({
        method: 'POST',
        url: `${P}/fllws/${encodeURIComponent(who)}?${q}`,
        headers: SIM,
        payload: { unfollow: whom },
      });
      expected = 204;
      set.delete(whom);
      counts.unfollow++;
    }
    if (expected !== 204) counts.errors++;
    assert.equal(res.statusCode, expected, `action ${latest}: ${res.body}`);
    if (latest % 500 === 0)
      assert.deepEqual((await h.app.inject({ method: 'GET', url: `${P}/latest` })).json(), { latest });
  }

  assert.ok(
    counts.register > 100 && counts.tweet > 1000 && counts.follow > 500 && counts.unfollow > 200 && counts.errors > 20,
    JSON.stringify(counts),
  );
  assert.deepEqual((await h.app.inject({ method: 'GET', url: `${P}/latest` })).json(), { latest: ACTIONS });
  for (const u of users) {
    const f = await h.app.inject({ method: 'GET', url: `${P}/fllws/${encodeURIComponent(u)}?no=1000`, headers: SIM });
    assert.deepEqual([...f.json().follows].sort(), [...follows.get(u)!].sort(), `follows of ${u}`);
    const m = await h.app.inject({ method: 'GET', url: `${P}/msgs/${encodeURIComponent(u)}?no=1000`, headers: SIM });
    assert.equal(m.json().length, messages.get(u), `messages of ${u}`);
  }
  const newest = (await h.app.inject({ method: 'GET', url: `${P}/msgs?no=1`, headers: SIM })).json();
  assert.equal(newest[0].content, lastTweet);
  // The same posts are ordinary feed posts in Vigil's own API.
  const viewer = await h.user('replay_viewer');
  const page = (await viewer.get('/api/v1/feed/public?limit=1')).json();
  assert.equal(page.items[0].text, lastTweet);
  assert.ok(page.items[0].html.includes('&lt;b&gt;&amp;&lt;/b&gt;'));
});
