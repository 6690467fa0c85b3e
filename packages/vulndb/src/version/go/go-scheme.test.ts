import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { goScheme, isGoPseudoVersion } from './go-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(goScheme, a, b));

test('golang: with or without v, shorthands, +incompatible sorting with its release', () => {
  assert.equal(cmp('v1.2.3', '1.2.3'), 0);
  assert.equal(cmp('v1', 'v1.0.0'), 0);
  assert.equal(cmp('v1.2', 'v1.2.0'), 0);
  assert.equal(cmp('0', 'v0.0.0'), 0);
  assert.equal(cmp('v2.0.0+incompatible', 'v2.0.0'), 0);
  assert.equal(cmp('v2.0.0+incompatible', 'v2.0.1'), -1);
  assert.equal(goScheme.parse('v3.1.0+incompatible').incompatible, true);
  assert.equal(cmp('v1.10.0', 'v1.9.9'), 1);
});

test('golang: pseudo-versions sort between the tags they were cut from, in commit-time order', () => {
  const ordered = [
    'v0.0.0-20180101000000-aaaaaaaaaaaa',
    'v0.0.0-20190101000000-bbbbbbbbbbbb',
    'v0.1.0',
    'v1.2.3',
    'v1.2.4-0.20190101000000-cccccccccccc',
    'v1.2.4-0.20200101000000-dddddddddddd',
    'v1.2.4-pre',
    'v1.2.4-pre.0.20200101000000-eeeeeeeeeeee',
    'v1.2.4-pre.1',
    'v1.2.4',
  ];
  for (let i = 1; i < ordered.length; i++) assert.equal(cmp(ordered[i - 1]!, ordered[i]!), -1, ordered[i]);
  assert.equal(isGoPseudoVersion('v1.2.4-0.20190101000000-cccccccccccc'), true);
  assert.equal(isGoPseudoVersion('v0.0.0-20180101000000-aaaaaaaaaaaa'), true);
  assert.equal(isGoPseudoVersion('v1.2.4-pre.0.20200101000000-eeeeeeeeeeee+incompatible'), true);
  assert.equal(isGoPseudoVersion('v1.2.4-pre.1'), false);
});

test('golang: numbers of any size; refuses leading zeros and shorthands with a prerelease', () => {
  assert.equal(cmp('v18446744073709551616.0.0', 'v18446744073709551615.0.0'), 1);
  for (const bad of ['v01.2.3', 'v1.02.3', 'v1.2.3-01', 'v1.2-pre', 'v1.2.3.4', 'latest', 'v1.2.3+']) {
    assert.throws(
      () => goScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// The one line of the generic SemVer file that is not a Go version (docs/vulndb.md, "Version schemes").
const OUTSIDE_GO = new Map([['1.1.3.4.5 = 1.1.3.4.5', 'five components']]);

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('golang: version-order/semver-versions.txt', (t) => {
  checkOrderCases(t, goScheme, 'semver-versions.txt', readVersionOrderFile('semver-versions.txt'), OUTSIDE_GO);
});
