import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParseCache } from './parse-cache.ts';

test('parse cache: parses a string once, starts over when full, never caches a failure', () => {
  const calls: string[] = [];
  const cache = new ParseCache((text: string) => {
    calls.push(text);
    if (text === 'bad') throw new Error('bad');
    return { text };
  }, 2);
  const first = cache.get('a');
  assert.equal(cache.get('a'), first);
  cache.get('b');
  assert.deepEqual(calls, ['a', 'b']);
  cache.get('c'); // full: starts over, keeps only c
  cache.get('a');
  assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  assert.throws(() => cache.get('bad'));
  assert.throws(() => cache.get('bad'));
  assert.deepEqual(calls.slice(-2), ['bad', 'bad']);
});
