import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatVers, parseVers, VersSyntaxError } from './vers-range.ts';

test('reads type and constraints; a bare version is equality; * is every version', () => {
  const range = parseVers('vers:npm/1.2.3|>=2.0.0|<5.0.0|!=3.1.0');
  assert.equal(range.type, 'npm');
  assert.deepEqual(
    range.constraints.map((c) => [c.comparator, c.version]),
    [
      ['=', '1.2.3'],
      ['>=', '2.0.0'],
      ['<', '5.0.0'],
      ['!=', '3.1.0'],
    ],
  );
  assert.deepEqual(parseVers('vers:deb/*'), { type: 'deb', constraints: [], any: true });
});

test('percent-decodes versions once and encodes them back', () => {
  const range = parseVers('vers:npm/1.0%252F0|>=2%7C3');
  assert.deepEqual(
    range.constraints.map((c) => c.version),
    ['1.0%2F0', '2|3'],
  );
  assert.equal(formatVers(range), 'vers:npm/1.0%252F0|>=2%7C3');
});

test('refuses non-canonical syntax with a reason', () => {
  const cases: Record<string, RegExp> = {
    'vers:npm/>=1.0.0| <2.0.0': /whitespace is not permitted/,
    'VERS:npm/1.0.0': /lowercase scheme "vers:"/,
    'vers:NPM/1.0.0': /the type "NPM" must be lowercase/,
    'vers:npm': /a "\/" must separate/,
    'vers:npm/': /the constraints are empty/,
    'vers:npm/|1.0.0': /leading pipe/,
    'vers:npm/1.0.0|': /trailing pipe/,
    'vers:npm/1.0.0||2.0.0': /consecutive pipes/,
    'vers:npm/=1.0.0': /equality is a bare version/,
    'vers:npm/>=': /the version is empty/,
    'vers:npm/*|>=1.0.0': /"\*" must stand alone/,
    'vers:npm/1.0%2': /invalid percent-encoding/,
    'vers:npm/1.0%2f0': /percent-encoding in version is not canonical/,
    'vers:invalid/1.0': /reserved to be invalid/,
  };
  for (const [input, reason] of Object.entries(cases)) {
    assert.throws(
      () => parseVers(input),
      (e: unknown) => e instanceof VersSyntaxError && reason.test(e.message),
      input,
    );
  }
});
