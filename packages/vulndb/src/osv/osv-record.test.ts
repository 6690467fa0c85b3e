import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOsvText, recordHash, validateOsv } from './osv-record.ts';

test('a record is parsed with its id, modified and hash', () => {
  const text = '{"id":"GHSA-1","modified":"2024-01-01T00:00:00Z"}';
  const read = parseOsvText(text, 'GHSA-1.json');
  assert.ok(read.ok);
  assert.equal(read.id, 'GHSA-1');
  assert.equal(read.modified, '2024-01-01T00:00:00Z');
  assert.equal(read.hash, recordHash(text));
});

test('text that is not JSON, or holds a NUL the store cannot keep, is refused with where or the id', () => {
  const cut = parseOsvText('{"id":', 'cut.json');
  assert.ok(!cut.ok);
  assert.equal(cut.id, 'cut.json');
  assert.match(cut.reason, /^not JSON/);
  const nul = parseOsvText('{"id":"GHSA-2","details":"a\\u0000b"}', 'nul.json');
  assert.deepEqual([nul.ok, nul.id], [false, 'GHSA-2']);
});

test('validation names the id and the first problems with their paths', () => {
  const v = validateOsv(
    { id: 'GHSA-3', modified: 'yesterday', affected: [{ ranges: [{ type: 'X', events: [] }] }] },
    'GHSA-3',
  );
  assert.equal(v.ok, false);
  if (v.ok) return;
  assert.equal(v.id, 'GHSA-3');
  assert.match(v.reason, /^modified: must be an RFC 3339 UTC timestamp/);
  assert.match(v.reason, /affected\.0\.ranges\.0\.type/);
});
