import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { semverScheme } from './semver-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(semverScheme, a, b));

test('semver: SemVer 2.0 precedence with prereleases and build metadata ignored', () => {
  assert.equal(cmp('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.equal(cmp('1.0.0-alpha.beta', '1.0.0-beta'), -1);
  assert.equal(cmp('1.0.0-beta.2', '1.0.0-beta.11'), -1);
  assert.equal(cmp('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(cmp('1.0.0+a', '1.0.0+b'), 0);
  assert.equal(cmp('1.2.3-a.1', '1.2.3-a.b'), -1);
});

test('semver: OSV shapes — v prefix, "0", short versions and numbers past 2^53', () => {
  assert.equal(cmp('v1.2.3', '1.2.3'), 0);
  assert.equal(cmp('0', '0.0.0'), 0);
  assert.equal(cmp('0', '0.0.0-alpha'), 1);
  assert.equal(cmp('1.2', '1.2.0'), 0);
  assert.equal(cmp('9007199254740993.0.0', '9007199254740992.0.0'), 1);
  assert.equal(cmp('1.0.0-9007199254740993', '1.0.0-9007199254740992'), 1);
});

test('semver: refuses what is not a version, saying which string', () => {
  for (const bad of ['', 'x', '1.2.3-', '1.2.3-a..b', '1.2.3+', '1.2.3-a_b', '1..2']) {
    assert.throws(
      () => semverScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('semver: version-order/semver-versions.txt', (t) => {
  checkOrderCases(t, semverScheme, 'semver-versions.txt', readVersionOrderFile('semver-versions.txt'));
});
