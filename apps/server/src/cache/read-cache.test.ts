import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadCache } from './read-cache.ts';

function cacheAt(now: { t: number }, maxSize = 1000) {
  const c = new ReadCache<string>({ ttlMs: 100, maxSize, sizeOf: (v) => (v as string).length, clock: () => now.t });
  c.setLive(true);
  return c;
}

function counter(prefix = 'v') {
  let n = 0;
  const compute = async () => `${prefix}${++n}`;
  return { compute, calls: () => n };
}

test(
  'a second read of a key is a hit; a change of one ' + 'of its topics makes it a miss, other topics do not',
  async () => {
    const now = { t: 0 };
    const c = cacheAt(now);
    const f = counter();
    assert.equal(await c.get('k', ['findings', 'access'], f.compute), 'v1');
    assert.equal(await c.get('k', ['findings', 'access'], f.compute), 'v1');
    c.invalidate('feed');
    assert.equal(await c.get('k', ['findings', 'access'], f.compute), 'v1');
    c.invalidate('access');
    assert.equal(await c.get('k', ['findings', 'access'], f.compute), 'v2');
    assert.deepEqual({ hits: c.stats.hits, misses: c.stats.misses }, { hits: 2, misses: 2 });
  },
);

test('entries expire after the TTL', async () => {
  const now = { t: 0 };
  const c = cacheAt(now);
  const f = counter();
  await c.get('k', ['feed'], f.compute);
  now.t = 99;
  assert.equal(await c.get('k', ['feed'], f.compute), 'v1');
  now.t = 100;
  assert.equal(await c.get('k', ['feed'], f.compute), 'v2');
});

test('not live: every read is computed, and going live or losing it drops everything', async () => {
  const c = new ReadCache<string>({ ttlMs: 1000, maxSize: 1000, sizeOf: () => 1 });
  const f = counter();
  await c.get('k', ['feed'], f.compute);
  await c.get('k', ['feed'], f.compute);
  assert.equal(f.calls(), 2);
  assert.equal(c.stats.bypasses, 2);
  c.setLive(true);
  await c.get('k', ['feed'], f.compute);
  await c.get('k', ['feed'], f.compute);
  assert.equal(f.calls(), 3);
  c.setLive(false);
  c.setLive(true);
  assert.equal(await c.get('k', ['feed'], f.compute), 'v4');
});

test('a result computed while one of its topics changed is returned but not kept', async () => {
  const c = cacheAt({ t: 0 });
  let n = 0;
  const racing = async () => {
    n++;
    c.invalidate('findings'); // a commit's notification arrives while the read runs
    return `v${n}`;
  };
  assert.equal(await c.get('k', ['findings'], racing), 'v1');
  assert.equal(await c.get('k', ['findings'], racing), 'v2');
  assert.equal(c.snapshot().entries, 0);
});

test(
  'invalidateAll (a write request of this process answered) drops entries, and a read that overlapped it is not ' +
    'served again',
  async () => {
    const c = cacheAt({ t: 0 });
    const f = counter();
    await c.get('k', ['feed'], f.compute);
    c.invalidateAll();
    assert.equal(await c.get('k', ['feed'], f.compute), 'v2', 'the entry cached before the write is gone');
    assert.equal(await c.get('k', ['feed'], f.compute), 'v2');
    let release!: () => void;
    const slow = c.get('j', ['feed'], () => new Promise<string>((r) => (release = () => r('old'))));
    c.invalidateAll();
    release();
    assert.equal(await slow, 'old');
    assert.equal(await c.get('j', ['feed'], f.compute), 'v3');
  },
);

test('concurrent misses of one key share one computation; errors are not kept', async () => {
  const c = cacheAt({ t: 0 });
  let calls = 0;
  const slow = () => new Promise<string>((r) => setTimeout(() => r(`s${++calls}`), 5));
  const all = await Promise.all([c.get('k', ['feed'], slow), c.get('k', ['feed'], slow), c.get('k', ['feed'], slow)]);
  assert.deepEqual(all, ['s1', 's1', 's1']);
  assert.equal(calls, 1);
  let fail = true;
  const flaky = async () => {
    if (fail) throw new Error('boom');
    return 'ok';
  };
  await assert.rejects(c.get('e', ['feed'], flaky), /boom/);
  fail = false;
  assert.equal(await c.get('e', ['feed'], flaky), 'ok');
});

test(
  'the least recently used entries go first when the ' + 'size is over the limit; an oversized value is not kept',
  async () => {
    const c = cacheAt({ t: 0 }, 80);
    const value = (s: string) => async () => s;
    await c.get('a', ['feed'], value('a'.repeat(10)));
    await c.get('b', ['feed'], value('b'.repeat(10)));
    await c.get('a', ['feed'], value('x')); // touch a: b is now the oldest
    for (const k of ['c', 'd', 'e', 'f', 'g', 'h', 'i']) await c.get(k, ['feed'], value(k.repeat(10)));
    const s = c.snapshot();
    assert.ok(s.size <= 80, `size ${s.size}`);
    assert.equal(await c.get('a', ['feed'], value('new')), 'a'.repeat(10), 'a was used recently');
    assert.equal(await c.get('b', ['feed'], value('new')), 'new', 'b was evicted');
    await c.get('big', ['feed'], value('z'.repeat(11)));
    assert.equal(await c.get('big', ['feed'], value('again')), 'again', 'an entry over 1/8 of the limit is never kept');
  },
);
