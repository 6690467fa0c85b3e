import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { gemScheme } from './gem-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(gemScheme, a, b));

test('gem: numeric segments, prereleases (a letter) before releases, trailing zeros ignored', () => {
  assert.equal(cmp('3.10', '3.2'), 1);
  assert.equal(cmp('1.0', '1'), 0);
  assert.equal(cmp('1.2.4.beta', '1.2.4'), -1);
  assert.equal(cmp('1.0.a2', '1.0.a.2'), 0);
  assert.equal(cmp('1.0.0.rc1', '1.0.rc1'), 0);
  assert.equal(cmp('1.0.a10', '1.0.a9'), 1);
  assert.equal(cmp('1.0.rc1', '1.0.beta2'), 1);
  assert.equal(gemScheme.parse('2.0.0.pre').prerelease, true);
});

test('gem: a hyphen reads as .pre.; an empty version is 0', () => {
  assert.equal(cmp('1.0-1', '1.0.pre.1'), 0);
  assert.equal(cmp('1.0-1', '1.0'), -1);
  assert.equal(cmp('', '0'), 0);
  assert.equal(cmp('  1.2  ', '1.2'), 0);
});

test('gem: refuses what Gem::Version refuses, naming the string', () => {
  for (const bad of ['1beta', 'a.1', '1..2', '1.2.', '1_2', 'v1.0', '1.0 beta']) {
    assert.throws(
      () => gemScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// Lines that are not RubyGems versions (docs/vulndb.md, "Version schemes"): Gem::Version's pattern
// needs a dot before the first letters after the leading number, so Gem::Version.new('1beta') raises.
const MALFORMED = new Map([
  ['1 > 1beta', '1beta is malformed'],
  ['1 > 1gamma', '1gamma is malformed'],
]);

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('gem: version-order/rubygems-versions.txt', (t) => {
  checkOrderCases(t, gemScheme, 'rubygems-versions.txt', readVersionOrderFile('rubygems-versions.txt'), MALFORMED);
});

test('gem: version-order/rubygems-versions-generated.txt', (t) => {
  const file = 'rubygems-versions-generated.txt';
  checkOrderCases(t, gemScheme, file, readVersionOrderFile(file));
});
