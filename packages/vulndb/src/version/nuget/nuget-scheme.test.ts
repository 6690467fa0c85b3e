import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersCmpFile, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { normalizeNugetVersion, nugetScheme } from './nuget-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(nugetScheme, a, b));

test('nuget: four parts, missing parts 0, leading zeros, metadata ignored', () => {
  assert.equal(cmp('1.0', '1.0.0.0'), 0);
  assert.equal(cmp('1.0.01', '1.0.1.0'), 0);
  assert.equal(cmp('1.0.0', '1.0.0.1'), -1);
  assert.equal(cmp('1.0.0-pre', '1.0.0.1-alpha'), -1);
  assert.equal(cmp('1.0.0+a', '1.0.0+b'), 0);
  assert.equal(cmp('1', '1.0.0'), 0);
});

test('nuget: prerelease labels case-insensitive, numeric before alphanumeric, longer after', () => {
  assert.equal(cmp('1.0.0-BETA', '1.0.0-beta'), 0);
  assert.equal(cmp('1.0.0-beta.2', '1.0.0-beta.11'), -1);
  assert.equal(cmp('1.0.0-beta.1', '1.0.0-beta.a'), -1);
  assert.equal(cmp('1.0.0-beta', '1.0.0-beta.1'), -1);
  assert.equal(cmp('1.0.0-rc.1', '1.0.0'), -1);
});

test('nuget: normalized form', () => {
  assert.equal(normalizeNugetVersion('1.0.01.0-Beta+git'), '1.0.1-Beta');
  assert.equal(normalizeNugetVersion('1.2'), '1.2.0');
  assert.equal(normalizeNugetVersion('1.2.3.4'), '1.2.3.4');
});

test('nuget: refuses what is not a NuGet version, naming the string', () => {
  for (const bad of ['', 'v1.0.0', '1.2.3.4.5', '1.0.0-', '1.0.0-a..b', '1.0.0+', 'one']) {
    assert.throws(
      () => nugetScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// ../shared/conformance/version-order/ (osv-scalibr) and ../shared/conformance/vers/ (vers spec)
test('nuget: version-order/nuget-versions.txt', (t) => {
  checkOrderCases(t, nugetScheme, 'nuget-versions.txt', readVersionOrderFile('nuget-versions.txt'));
});

test('nuget: vers/nuget_version_cmp_test.json', (t) => {
  const file = 'nuget_version_cmp_test.json';
  checkOrderCases(t, nugetScheme, file, readVersCmpFile(file));
});
