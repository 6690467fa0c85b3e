import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { cargoScheme } from './cargo-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(cargoScheme, a, b));

test('cargo: SemVer 2.0 precedence; build metadata ignored', () => {
  assert.equal(cmp('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.equal(cmp('1.0.0-alpha.1', '1.0.0-alpha.beta'), -1);
  assert.equal(cmp('1.0.0-beta.2', '1.0.0-beta.11'), -1);
  assert.equal(cmp('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(cmp('0.10.0', '0.9.0'), 1);
  assert.equal(cmp('1.0.0+20130313144700', '1.0.0+exp.sha.5114f85'), 0);
  assert.equal(cmp('18446744073709551615.0.0', '18446744073709551614.0.0'), 1);
});

test('cargo: refuses what the semver crate refuses, naming the string', () => {
  for (const bad of ['v1.0.0', '1.0', '1', '01.0.0', '1.0.0-01', '1.0.0-', '1.0.0-a..b', '1.0.0+', '1.0.0.0']) {
    assert.throws(
      () => cargoScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

// Lines of the generic SemVer file that are not crates.io versions (docs/vulndb.md, "Version schemes").
const OUTSIDE_CARGO = new Map([
  ['999999999999999999999999999991 < 999999999999999999999999999999', 'one component'],
  ['1.1.3.4.5 = 1.1.3.4.5', 'five components'],
]);

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata): the lines with a `v` are
// read without it, since Cargo has no `v` prefix and the comparison is what is tested.
test('cargo: version-order/semver-versions.txt', (t) => {
  const cases = readVersionOrderFile('semver-versions.txt')?.map((c) => ({
    ...c,
    a: c.a.replace(/^v/, ''),
    b: c.b.replace(/^v/, ''),
  }));
  checkOrderCases(t, cargoScheme, 'semver-versions.txt', cases, OUTSIDE_CARGO);
});
