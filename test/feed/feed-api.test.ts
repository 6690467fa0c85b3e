import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let ann: TestUser;
let ben: TestUser;
let cat: TestUser;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  ann = await h.user('ann');
  ben = await h.user('ben');
  cat = await h.user('cat');
});
after(async () => {
  await h.close();
  await db.drop();
});

async function walk(user: TestUser, url: string, limit: number): Promise<{ id: number; text: string }[]> {
  const seen: { id: number; text: string }[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const res = await user.get(`${url}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json();
    assert.ok(page.items.length <= limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
}

test('post, render markdown safely, validate length, delete own only', async () => {
  const res = await ann.post('/api/v1/feed/posts', {
    text: '**hi** <script>alert(1)</script> [x](javascript:alert(1))',
  });
  assert.equal(res.statusCode, 201, res.body);
  const post = res.json();
  assert.equal(post.author.username, 'ann');
  assert.equal(post.html, '<strong>hi</strong> &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))');
  assert.equal((await ann.post('/api/v1/feed/posts', { text: '   ' })).statusCode, 400);
  assert.equal((await ann.post('/api/v1/feed/posts', { text: 'x'.repeat(1001) })).statusCode, 400);
  assert.equal((await ann.post('/api/v1/feed/posts', { text: 'x'.repeat(1000) })).statusCode, 201);
  assert.equal((await ben.delete(`/api/v1/feed/posts/${post.id}`)).statusCode, 403);
  assert.equal((await ann.delete(`/api/v1/feed/posts/${post.id}`)).statusCode, 204);
  assert.equal((await ann.delete(`/api/v1/feed/posts/${post.id}`)).statusCode, 404);
  assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/feed/public' })).statusCode, 401);
});

test('keyset pagination walks every post exactly once, newest first, in every timeline', async () => {
  const ids: number[] = [];
  for (let i = 0; i < 47; i++) {
    const author = [ann, ben, cat][i % 3];
    ids.push((await author.post('/api/v1/feed/posts', { text: `post ${i}` })).json().id);
  }
  const all = await walk(cat, '/api/v1/feed/public', 10);
  const mine = all.filter((p) => p.text.startsWith('post '));
  assert.deepEqual(
    mine.map((p) => p.id),
    [...ids].reverse(),
  );
  assert.equal(new Set(all.map((p) => p.id)).size, all.length, 'no post twice');
  const bens = await walk(ann, '/api/v1/feed/users/ben', 7);
  assert.deepEqual(
    bens.map((p) => p.id),
    ids.filter((_, i) => i % 3 === 1).reverse(),
  );
  assert.equal((await ann.get('/api/v1/feed/public?limit=101')).statusCode, 400, 'pages are bounded');
  assert.equal((await ann.get('/api/v1/feed/public?cursor=bogus')).statusCode, 400);
  assert.equal((await ann.get('/api/v1/feed/users/nobody')).statusCode, 404);
});

test('personal timeline = me + whom I follow (+ followed products), paginated', async () => {
  const dan = await h.user('dan');
  const eve = await h.user('eve');
  const fay = await h.user('fay');
  for (let i = 0; i < 5; i++) {
    await dan.post('/api/v1/feed/posts', { text: `dan ${i}` });
    await eve.post('/api/v1/feed/posts', { text: `eve ${i}` });
    await fay.post('/api/v1/feed/posts', { text: `fay ${i}` });
  }
  assert.equal((await dan.request({ method: 'PUT', url: '/api/v1/feed/following/users/eve' })).statusCode, 204);
  assert.equal(
    (await dan.request({ method: 'PUT', url: '/api/v1/feed/following/users/eve' })).statusCode,
    204,
    'idempotent',
  );
  assert.equal(
    (await dan.request({ method: 'PUT', url: '/api/v1/feed/following/users/dan' })).statusCode,
    400,
    'not yourself',
  );
  assert.equal((await dan.request({ method: 'PUT', url: '/api/v1/feed/following/users/nobody' })).statusCode, 404);
  const timeline = await walk(dan, '/api/v1/feed/timeline', 3);
  assert.deepEqual(
    timeline.map((p) => p.text),
    ['eve 4', 'dan 4', 'eve 3', 'dan 3', 'eve 2', 'dan 2', 'eve 1', 'dan 1', 'eve 0', 'dan 0'],
  );
  assert.deepEqual((await dan.get('/api/v1/feed/following')).json(), { users: ['eve'], products: [] });
  assert.equal((await dan.delete('/api/v1/feed/following/users/eve')).statusCode, 204);
  assert.deepEqual(
    (await walk(dan, '/api/v1/feed/timeline', 50)).map((p) => p.text),
    ['dan 4', 'dan 3', 'dan 2', 'dan 1', 'dan 0'],
  );
});

test('products: automatic posts reach followers who can read the product, not the public timeline', async () => {
  const sys = { actor: SYSTEM_ACTOR };
  const pt = await h.services.productTypes.create(sys, { name: 'Feed PT' });
  const product = await h.services.products.create(sys, { name: 'Web shop', productTypeId: pt.id });
  const reader = await h.user('reader');
  const outsider = await h.user('outsider');
  await h.services.memberships.grant(sys, { productId: product.id }, { userId: reader.id }, 'Reader');
  assert.equal(
    (await outsider.request({ method: 'PUT', url: `/api/v1/feed/following/products/${product.id}` })).statusCode,
    404,
  );
  assert.equal((await outsider.get(`/api/v1/feed/products/${product.id}`)).statusCode, 404);
  assert.equal(
    (await reader.request({ method: 'PUT', url: `/api/v1/feed/following/products/${product.id}` })).statusCode,
    204,
  );
  await reader.post('/api/v1/feed/posts', { text: 'my own' });
  const auto = await h.services.feed.postSystemMessage(product.id, 'imported 42 findings into Web shop');
  assert.equal(auto.product_name, 'Web shop');
  const timeline = (await reader.get('/api/v1/feed/timeline')).json();
  assert.deepEqual(
    timeline.items.map((p: { text: string }) => p.text),
    ['imported 42 findings into Web shop', 'my own'],
  );
  assert.deepEqual(timeline.items[0].product, { id: product.id, name: 'Web shop' });
  assert.equal(timeline.items[0].author, null);
  assert.equal((await reader.get(`/api/v1/feed/products/${product.id}`)).json().items.length, 1);
  const pub = (await outsider.get('/api/v1/feed/public?limit=100')).json();
  assert.ok(!pub.items.some((p: { text: string }) => p.text.startsWith('imported')));
  assert.deepEqual((await reader.get('/api/v1/feed/following')).json().products, [
    { id: product.id, name: 'Web shop' },
  ]);
  assert.equal((await reader.delete(`/api/v1/feed/following/products/${product.id}`)).statusCode, 204);
  assert.equal((await reader.get('/api/v1/feed/timeline')).json().items.length, 1);
  const long = await h.services.feed.postSystemMessage(product.id, 'y'.repeat(2000));
  assert.equal(long.text.length, 1000);
});
