import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareDebianVersions, debianScheme, parseDebianVersion } from './deb-scheme.ts';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { InvalidVersionError } from '../version-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareDebianVersions(parseDebianVersion(a), parseDebianVersion(b)));

test('splits epoch, upstream and revision (the revision after the last hyphen)', () => {
  const v = parseDebianVersion('2:1.2-3-4ubuntu1');
  assert.deepEqual([v.epoch, v.upstream, v.revision], [2, '1.2-3', '4ubuntu1']);
  assert.deepEqual([parseDebianVersion('1.0').epoch, parseDebianVersion('1.0').revision], [0, '']);
});

test('tilde sorts before everything, even the end of the string', () => {
  assert.equal(cmp('1.0~rc1', '1.0'), -1);
  assert.equal(cmp('1.0~~', '1.0~'), -1);
  assert.equal(cmp('1.2.3-1~deb7u1', '1.2.3-1'), -1);
});

test('letters sort before non-letters, digit runs compare numerically', () => {
  assert.equal(cmp('1.0a', '1.0+'), -1);
  assert.equal(cmp('1.0a', '1.0.'), -1);
  assert.equal(cmp('0.9.0', '0.10.0'), -1);
  assert.equal(cmp('1.007', '1.7'), 0);
  assert.equal(cmp('2.7.4+reloaded2-13ubuntu1', '2.7.4+reloaded2-13+deb9u1'), -1);
});

test('the epoch outranks the rest; an absent epoch and revision are 0', () => {
  assert.equal(cmp('1:0.1', '9.9'), 1);
  assert.equal(cmp('0:1.0', '1.0'), 0);
  assert.equal(cmp('1.0', '1.0-0'), 0);
});

test('refuses what is not a Debian version, saying why', () => {
  for (const bad of ['', 'a:1.0', '1.0-', ':1.0', '1.0 beta', '1:', '1.0-r!']) {
    assert.throws(() => debianScheme.parse(bad), InvalidVersionError, bad);
  }
  assert.throws(() => parseDebianVersion('x:1'), /not a valid deb version: the epoch is not a number/);
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('deb: version-order/debian-versions.txt', (t) => {
  checkOrderCases(t, debianScheme, 'debian-versions.txt', readVersionOrderFile('debian-versions.txt'));
});

test('deb: version-order/debian-versions-generated.txt', (t) => {
  const file = 'debian-versions-generated.txt';
  checkOrderCases(t, debianScheme, file, readVersionOrderFile(file));
});
