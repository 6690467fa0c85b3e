import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestWriter } from './latest-writer.ts';

function controlledStore() {
  const writes: number[] = [];
  const open: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const write = (value: number) =>
    new Promise<void>((resolve, reject) => {
      writes.push(value);
      open.push({ resolve, reject });
    });
  return { writes, open, write };
}

const tick = () => new Promise((r) => setImmediate(r));

test('one write in flight; values arriving meanwhile are written once, the last arrival winning', async () => {
  const store = controlledStore();
  const w = new LatestWriter(store.write);
  const settled: number[] = [];
  const a = w.record(1).then(() => settled.push(1));
  const b = w.record(3).then(() => settled.push(3));
  const c = w.record(2).then(() => settled.push(2));
  await tick();
  assert.deepEqual(store.writes, [1], 'the second and third wait for the first write');
  store.open[0].resolve();
  await a;
  await tick();
  assert.deepEqual(settled, [1], 'the waiting requests are not answered before their value is stored');
  assert.deepEqual(store.writes, [1, 2], 'one write for both, with the value that arrived last');
  store.open[1].resolve();
  await Promise.all([b, c]);
  assert.deepEqual(settled.sort(), [1, 2, 3]);
  w.record(7);
  await tick();
  assert.deepEqual(store.writes, [1, 2, 7], 'idle again: the next value is written at once');
});

test('a failed write fails exactly the requests it covered; later ones still write', async () => {
  const store = controlledStore();
  const w = new LatestWriter(store.write);
  const first = w.record(1);
  const second = w.record(2);
  store.open[0].reject(new Error('connection lost'));
  await assert.rejects(first, /connection lost/);
  await tick();
  assert.deepEqual(store.writes, [1, 2]);
  store.open[1].resolve();
  await second;
});
