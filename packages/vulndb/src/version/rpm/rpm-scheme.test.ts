import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRpmVersions, parseRpmVersion, rpmScheme, rpmvercmp } from './rpm-scheme.ts';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { InvalidVersionError } from '../version-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareRpmVersions(parseRpmVersion(a), parseRpmVersion(b)));

test('splits epoch (leading digits and a colon), version and release (after the last hyphen)', () => {
  const v = parseRpmVersion('2:3.10.0-229.el7');
  assert.deepEqual([v.epoch, v.version, v.release], ['2', '3.10.0', '229.el7']);
  const noEpoch = parseRpmVersion('a:1-2');
  assert.deepEqual([noEpoch.epoch, noEpoch.version, noEpoch.release], ['0', 'a:1', '2']);
  assert.equal(parseRpmVersion('1.0').release, null);
});

test('rpmvercmp: digit runs numerically, letters byte-wise, digits beat letters, separators ignored', () => {
  assert.equal(rpmvercmp('1.0010', '1.9'), 1);
  assert.equal(rpmvercmp('10.0001', '10.1'), 0);
  assert.equal(rpmvercmp('1.0a', '1.0aa'), -1);
  assert.equal(rpmvercmp('6.0.rc1', '6.0'), 1);
  assert.equal(rpmvercmp('xyz.4', '8'), -1);
  assert.equal(rpmvercmp('2_0', '2.0'), 0);
});

test('tilde sorts before everything, caret after the base version only', () => {
  assert.equal(rpmvercmp('1.0~rc1', '1.0'), -1);
  assert.equal(rpmvercmp('1.0~rc1~git123', '1.0~rc1'), -1);
  assert.equal(rpmvercmp('1.0^git1', '1.0'), 1);
  assert.equal(rpmvercmp('1.0^git1', '1.01'), -1);
  assert.equal(rpmvercmp('1.0^20160101', '1.0.1'), -1);
  assert.equal(rpmvercmp('1.0^git1~pre', '1.0^git1'), -1);
});

test('epoch first, then version, then release; a missing release sorts first', () => {
  assert.equal(cmp('1:1.0', '2.0'), 1);
  assert.equal(cmp('01:2', '1:2'), 0);
  assert.equal(cmp('1-123', '1-2'), 1);
  assert.equal(cmp('1', '1-0'), -1);
  assert.equal(cmp('0:3.10.0-229.el7', '0:3.10.0-229.1.2.ael7b'), -1);
});

test('refuses what is not an rpm version', () => {
  for (const bad of ['', '-1', '5:', '1.0 2']) assert.throws(() => rpmScheme.parse(bad), InvalidVersionError, bad);
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
test('rpm: version-order/redhat-versions.txt', (t) => {
  checkOrderCases(t, rpmScheme, 'redhat-versions.txt', readVersionOrderFile('redhat-versions.txt'));
});
