import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { composerScheme } from './composer-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(composerScheme, a, b));

test('composer: stability order dev < alpha < beta < RC < release < patch', () => {
  const ordered = ['1.0-dev', '1.0alpha1', '1.0-beta2', '1.0RC1', '1.0', '1.0-patch1'];
  for (let i = 1; i < ordered.length; i++) assert.equal(cmp(ordered[i - 1]!, ordered[i]!), -1, ordered[i]);
  assert.equal(cmp('1.0a1', '1.0alpha1'), 0);
  assert.equal(cmp('1.0pl1', '1.0p1'), 0);
  assert.equal(cmp('1.0.0-RC2', '1.0.0.rc2'), 0);
  assert.equal(cmp('1.25.0-beta2.1', '1.25.0-b.2.1'), 0);
  // As in PHP, a patch word outweighs a number at the same place: compare versions of equal length.
  assert.equal(cmp('1.0-patch1', '1.0.1'), 1);
  assert.equal(cmp('1.0.0-patch1', '1.0.1'), -1);
  // PHP's special forms are case-sensitive: BETA is an unknown word, below dev.
  assert.equal(cmp('1.0-BETA', '1.0-dev'), -1);
});

test('composer: v prefix, separators and longer versions', () => {
  assert.equal(cmp('v1.2.3', '1.2.3'), 0);
  assert.equal(cmp('V1.2.3', 'v1.2.3'), 0);
  assert.equal(cmp('1.0.0', '1.0'), 1);
  assert.equal(cmp('1_0+1', '1.0.1'), 0);
  assert.equal(cmp('10', '9'), 1);
});

test('composer: dev- branches sort before numbered versions; only the same branch is equal', () => {
  assert.equal(cmp('dev-main', '0.0.1'), -1);
  assert.equal(cmp('dev-main', 'dev-main'), 0);
  assert.notEqual(cmp('dev-main', 'dev-feature'), 0);
  assert.equal(composerScheme.parse('dev-main').branch, 'main');
});

test('composer: refuses empty strings and foreign characters, naming the string', () => {
  for (const bad of ['', '1.0 beta', '1.0/2', '1.0~rc1']) {
    assert.throws(
      () => composerScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
for (const file of ['packagist-versions.txt', 'packagist-versions-generated.txt']) {
  test(`composer: version-order/${file}`, (t) => {
    checkOrderCases(t, composerScheme, file, readVersionOrderFile(file));
  });
}
