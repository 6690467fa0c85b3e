import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare as libraryCompare } from '@renovatebot/pep440';
import { checkOrderCases, readVersionOrderFile } from '../conformance/version-order-conformance.ts';
import { compareVersions, InvalidVersionError } from '../version-scheme.ts';
import { pypiScheme } from './pypi-scheme.ts';

const cmp = (a: string, b: string) => Math.sign(compareVersions(pypiScheme, a, b));

// PEP 440's own example of the full order of a release's variants.
const PEP440_ORDER = [
  '1.0.dev456',
  '1.0a1',
  '1.0a2.dev456',
  '1.0a12.dev456',
  '1.0a12',
  '1.0b1.dev456',
  '1.0b2',
  '1.0b2.post345.dev456',
  '1.0b2.post345',
  '1.0rc1.dev456',
  '1.0rc1',
  '1.0',
  '1.0+abc.5',
  '1.0+abc.7',
  '1.0+5',
  '1.0.post456.dev34',
  '1.0.post456',
  '1.0.15',
  '1.1.dev1',
];

test('pypi: the order of PEP 440 (dev < pre < release < local < post), as the library compares too', () => {
  for (let i = 1; i < PEP440_ORDER.length; i++) {
    const [a, b] = [PEP440_ORDER[i - 1]!, PEP440_ORDER[i]!];
    assert.equal(cmp(a, b), -1, `${a} < ${b}`);
    assert.equal(Math.sign(libraryCompare(a, b)), -1, `library: ${a} < ${b}`);
  }
});

test('pypi: normalization — epochs, spellings, trailing zeros, v prefix', () => {
  assert.equal(cmp('1.0', '1.0.0.0'), 0);
  assert.equal(cmp('1.0-RC2', '1.0rc2'), 0);
  assert.equal(cmp('1.0c1', '1.0rc1'), 0);
  assert.equal(cmp('1.0-1', '1.0.post1'), 0);
  assert.equal(cmp('v1.0', '1.0'), 0);
  assert.equal(cmp('1!0.1', '2.0'), 1);
  assert.equal(cmp(' 1.0 ', '1.0'), 0);
});

test('pypi: refuses only the empty string (anything else is PEP 440 or legacy)', () => {
  for (const bad of ['', '  ']) {
    assert.throws(
      () => pypiScheme.parse(bad),
      (e: unknown) => e instanceof InvalidVersionError && e.version === bad,
    );
  }
});

test('pypi: legacy (pre-PEP 440) versions sort before every PEP 440 version, by the setuptools key', () => {
  assert.equal(cmp('0.9-doduo', '0.1'), -1);
  assert.equal(cmp('0.1-bulbasaur', '0.1-charmander'), -1);
  assert.equal(cmp('0.9-ivysaur', '0.9-horsea'), 1);
  assert.equal(cmp('2.0.1rc2-git', '2.0.1rc2-git'), 0);
  assert.equal(cmp('0.7.4.svn.r2010', '0.7.4.svn.r2011'), -1);
});

// ../shared/conformance/version-order/ (osv-scalibr semantic testdata)
for (const file of ['pypi-versions.txt', 'pypi-versions-generated.txt']) {
  test(`pypi: version-order/${file}`, (t) => {
    checkOrderCases(t, pypiScheme, file, readVersionOrderFile(file));
  });
}
