import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { npmScheme } from './npm-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(npmScheme, a, b));

test('npm: node-semver order, build metadata ignored, a v prefix accepted as npm does', () => {
  assert.equal(cmp('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.equal(cmp('1.0.0-beta.11', '1.0.0-rc.1'), -1);
  assert.equal(cmp('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(cmp('2.0.0', '10.0.0'), -1);
  assert.equal(cmp('1.2.3+build', '1.2.3+other'), 0);
  assert.equal(cmp('v1.2.3', '1.2.3'), 0);
});

test('npm: refuses what npm refuses, naming the string', () => {
  for (const bad of ['1.2', '01.2.3', '1.2.3.4', '=1.2.3', 'latest', '9007199254740992.0.0']) {
    assert.throws(
      () => npmScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// Lines of the generic SemVer file that are outside node-semver's grammar (docs/vulndb.md,
// "Version schemes"): the generic `semver` scheme passes them; npm refuses these strings.
const OUTSIDE_NPM = new Map([
  ['999999999999999999999999999991 < 999999999999999999999999999999', 'one component; past 2^53'],
  [
    '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < ' +
      '999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
    'numbers past 2^53',
  ],
  ['1.1.3.4.5 = 1.1.3.4.5', 'five components'],
]);

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('npm: version-order/semver-versions.txt', (t) => {
  checkOrderCases(t, npmScheme, 'semver-versions.txt', readVersionOrderFile('semver-versions.txt'), OUTSIDE_NPM);
});
