import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apkScheme, compareApkVersions, parseApkVersion } from './apk-scheme.ts';
import { checkOrderCases, readVersCmpFile } from '../conformance/version-order-conformance.ts';
import { InvalidVersionError } from '../version-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareApkVersions(parseApkVersion(a), parseApkVersion(b)));

test('numbers compare numerically, a run after a dot with a leading zero as a string', () => {
  assert.equal(cmp('1.10', '1.9'), 1);
  assert.equal(cmp('1.02', '1.1'), -1);
  assert.equal(cmp('1.0.0_pre20191002222144', '1.0.0_pre20210530193627'), -1);
  assert.equal(cmp('20050718-r1', '20050718-r2'), -1);
});

test('pre-release suffixes sort before the release, post-release ones after', () => {
  assert.equal(cmp('1.3_alpha', '1.3'), -1);
  assert.equal(cmp('1.3_rc1', '1.3'), -1);
  assert.equal(cmp('1.3_alpha2', '1.3_beta1'), -1);
  assert.equal(cmp('3.1_p16', '3.1'), 1);
  assert.equal(cmp('0.1.0_alpha_pre2', '0.1.0_alpha'), -1);
});

test('a letter after the numbers, the revision, and the end', () => {
  assert.equal(cmp('2.3.0b-r1', '2.3.0b-r2'), -1);
  assert.equal(cmp('1.0a', '1.0.1'), -1);
  assert.equal(cmp('1.0', '1.0-r1'), -1);
  assert.equal(cmp('1.0-r0', '1.0'), 1);
  assert.equal(cmp('1.2.3~abc1-r0', '1.2.3-r0'), 1);
});

test('refuses what apk-tools refuses, saying where', () => {
  for (const bad of ['', 'a1', '1.0_foo', '1.0-1', '1..0', '1.0ab', '1.0-r', '1.0~', '1 0']) {
    assert.throws(() => apkScheme.parse(bad), InvalidVersionError, bad);
  }
  assert.throws(() => parseApkVersion('1.0_foo'), /unknown suffix "_foo" at offset 3/);
});

// ../shared/conformance/vers/ (vers-spec tests: apk-tools' own version test data)
test('apk: vers/alpine_version_cmp_test.json', (t) => {
  const file = 'alpine_version_cmp_test.json';
  checkOrderCases(t, apkScheme, file, readVersCmpFile(file));
});
