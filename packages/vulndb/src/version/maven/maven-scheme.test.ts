import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersCmpFile, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { mavenScheme } from './maven-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(mavenScheme, a, b));

function assertAscending(versions: readonly string[]): void {
  for (let i = 1; i < versions.length; i++) {
    assert.equal(cmp(versions[i - 1]!, versions[i]!), -1, `${versions[i - 1]} < ${versions[i]}`);
  }
}

test('maven: qualifier order alpha < beta < milestone < rc = cr < snapshot < release = ga = final < sp', () => {
  assertAscending(['1-alpha', '1-beta', '1-milestone', '1-rc', '1-snapshot', '1', '1-sp', '1-abc', '1-xyz']);
  assert.equal(cmp('1-rc', '1-cr'), 0);
  assert.equal(cmp('1-ga', '1'), 0);
  assert.equal(cmp('1-final', '1.release'), 0);
  assert.equal(cmp('1.0-SNAPSHOT', '1.0-snapshot'), 0);
});

test('maven: a1/b1/m1 abbreviate only before a digit; transitions separate like hyphens', () => {
  assert.equal(cmp('1a1', '1-alpha-1'), 0);
  assert.equal(cmp('1m2', '1-milestone-2'), 0);
  assert.equal(cmp('1-a', '1-alpha'), 1);
  assert.equal(cmp('1.0alpha1', '1.0-alpha-1'), 0);
});

test('maven: padding and trailing nulls — 1 = 1.0 = 1-0 = 1.0.0-ga, 1.0 < 1.0-1 < 1.0.1', () => {
  assert.equal(cmp('1', '1.0.0'), 0);
  assert.equal(cmp('1', '1-0'), 0);
  assert.equal(cmp('1.0.0-ga', '1'), 0);
  assertAscending(['1.0', '1.0-1', '1.0.1', '1.1']);
  assertAscending(['2.0.1', '2.0.1-xyz', '2.0.1-123']);
  assert.equal(cmp('1-ga-1', '1-1'), 0);
  assert.equal(cmp('1--1', '1-1'), 0);
});

test('maven: numbers of any size', () => {
  assert.equal(cmp('12345678901234567890.1', '12345678901234567891'), -1);
  assert.equal(cmp('9007199254740993', '9007199254740992'), 1);
});

test('maven: refuses only the empty string', () => {
  for (const bad of ['', '  ']) {
    assert.throws(
      () => mavenScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata) and ../shared/conformance/vers/
for (const file of ['maven-versions.txt', 'maven-versions-generated.txt']) {
  test(`maven: version-order/${file}`, (t) => {
    checkOrderCases(t, mavenScheme, file, readVersionOrderFile(file));
  });
}

test('maven: vers/maven_version_cmp_test.json', (t) => {
  const file = 'maven_version_cmp_test.json';
  checkOrderCases(t, mavenScheme, file, readVersCmpFile(file));
});
