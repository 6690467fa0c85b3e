import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionSchemes } from '../version/scheme-registry.ts';
import { compileVers } from './vers-contains.ts';
import { parseVers } from './vers-range.ts';

const compile = (input: string) => {
  const range = parseVers(input);
  return compileVers(range, versionSchemes.byVersType(range.type));
};

test('intervals, single bounds, equalities and exclusions', () => {
  const r = compile('vers:npm/1.0.0|>=2.0.0|!=2.5.0|<3.0.0|>=4.0.0');
  const expected: Record<string, boolean> = {
    '0.9.0': false,
    '1.0.0': true,
    '1.5.0': false,
    '2.0.0': true,
    '2.5.0': false,
    '2.9.9': true,
    '3.0.0': false,
    '3.5.0': false,
    '4.0.0': true,
    '9.0.0': true,
  };
  for (const [v, want] of Object.entries(expected)) assert.equal(r.contains(v), want, v);
  assert.equal(compile('vers:npm/<1.0.0').contains('0.1.0'), true);
  assert.equal(compile('vers:npm/<=1.0.0').contains('1.0.0'), true);
  assert.equal(compile('vers:npm/>1.0.0').contains('1.0.0'), false);
  assert.equal(compile('vers:npm/!=1.0.0').contains('2.0.0'), true);
  assert.equal(compile('vers:npm/!=1.0.0').contains('1.0.0'), false);
  assert.equal(compile('vers:npm/*').contains('0.0.1'), true);
});

test('distribution ranges compare with their own order', () => {
  const r = compile('vers:deb/>=1.0-1|<1.2.3-1+deb9u1');
  assert.equal(r.contains('1.2.3-1'), true);
  assert.equal(r.contains('1.2.3-1+deb9u1'), false);
  assert.equal(r.contains('1.0~rc1-1'), false);
  const rpm = compile('vers:rpm/<2:1.0-1');
  assert.equal(rpm.contains('1:9.9-9'), true);
  assert.equal(rpm.contains('2:1.0-1'), false);
  assert.equal(compile('vers:apk/>=1.2_rc1-r0|<1.2-r1').contains('1.2-r0'), true);
});

test('refuses a scheme of another type and an unreadable version', () => {
  assert.throws(
    () => compileVers(parseVers('vers:npm/1.0.0'), versionSchemes.byVersType('deb')),
    /npm range cannot be read/,
  );
  assert.throws(() => compile('vers:npm/>=1.0.0').contains('banana'), /not a valid npm version/);
});
