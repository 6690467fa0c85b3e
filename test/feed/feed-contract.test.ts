import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ZFeedFollowing,
  ZFeedPost,
  ZFeedPostPage,
  ZMinitwitFollows,
  ZMinitwitLatest,
  ZMinitwitMessages,
} from '@vigil/contract';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

// The feed's timelines and MiniTwit's message lists are sent from the response cache as bytes, past
// the response serializer: this checks them against the contract with no field more or less, for a
// person's post and an automatic one, and MiniTwit's answers as its simulator reads them.

const P = '/api/minitwit';
const SIM = { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' };

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
  admin = await h.user('admin', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

test('feed answers match the contract exactly: post, timelines (cached), following', async () => {
  const pt = (await admin.post('/api/v1/product-types', { name: 'Feed PT' })).json();
  const product = (await admin.post('/api/v1/products', { name: 'Feed shop', productTypeId: pt.id })).json();
  const created = await admin.post('/api/v1/feed/posts', { text: 'release **today**' });
  assert.equal(created.statusCode, 201, created.body);
  const post = ZFeedPost.strict().parse(created.json());
  assert.deepEqual(post.author, { id: admin.id, username: 'admin' });
  await h.services.feed.postSystemMessage(product.id, 'imported 3 findings into Feed shop');
  const follow = await admin.request({ method: 'PUT', url: `/api/v1/feed/following/products/${product.id}` });
  assert.equal(follow.statusCode, 204);

  const strictPage = ZFeedPostPage.extend({ items: ZFeedPostPage.shape.items.element.strict().array() }).strict();
  for (const url of [
    '/api/v1/feed/public',
    '/api/v1/feed/timeline',
    '/api/v1/feed/users/admin',
    `/api/v1/feed/products/${product.id}`,
  ]) {
    const res = await admin.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    const page = strictPage.parse(res.json());
    assert.ok(page.items.length > 0, url);
  }
  const timeline = strictPage.parse((await admin.get('/api/v1/feed/timeline')).json());
  const automatic = timeline.items.find((p) => p.author === null);
  assert.deepEqual(automatic?.product, { id: product.id, name: 'Feed shop' });

  const following = await admin.get('/api/v1/feed/following');
  assert.equal(following.statusCode, 200, following.body);
  assert.deepEqual(ZFeedFollowing.strict().parse(following.json()).products, [{ id: product.id, name: 'Feed shop' }]);
});

test("MiniTwit's answers match the contract exactly, errors included", async () => {
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    h.app.inject({ method, url: `${P}${url}`, headers: SIM, payload });
  assert.equal((await call('POST', '/register', { username: 'mia', email: 'mia@x', pwd: 'p' })).statusCode, 204);
  assert.equal((await call('POST', '/register', { username: 'leo', email: 'leo@x', pwd: 'p' })).statusCode, 204);
  assert.equal((await call('POST', '/msgs/mia?latest=7', { content: 'hello' })).statusCode, 204);
  assert.equal((await call('POST', '/fllws/mia', { follow: 'leo' })).statusCode, 204);

  assert.deepEqual(ZMinitwitLatest.strict().parse((await call('GET', '/latest')).json()), { latest: 7 });
  for (const url of ['/msgs', '/msgs/mia']) {
    const res = await call('GET', url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    const [message] = ZMinitwitMessages.element.strict().array().parse(res.json());
    assert.equal(message?.content, 'hello');
    assert.equal(message?.user, 'mia');
  }
  assert.deepEqual(ZMinitwitFollows.strict().parse((await call('GET', '/fllws/mia')).json()), { follows: ['leo'] });

  const unknown = await call('GET', '/msgs/nobody');
  assert.equal(unknown.statusCode, 404);
  assert.deepEqual(unknown.json(), { status: 404, error_msg: 'The user was not found' });
  const refused = await h.app.inject({ method: 'GET', url: `${P}/msgs` });
  assert.equal(refused.statusCode, 403);
  assert.deepEqual(refused.json(), { status: 403, error_msg: 'You are not authorized to use this resource!' });
});
