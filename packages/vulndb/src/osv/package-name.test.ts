import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ecosystemBase, normalizePackageName } from './package-name.ts';

test('the ecosystem base drops the release suffix', () => {
  assert.equal(ecosystemBase('Debian:12'), 'Debian');
  assert.equal(ecosystemBase('Ubuntu:Pro:18.04:LTS'), 'Ubuntu');
  assert.equal(ecosystemBase('npm'), 'npm');
});

test('names are normalized the way each registry compares them', () => {
  assert.equal(normalizePackageName('PyPI', 'Django_REST.framework'), 'django-rest-framework');
  assert.equal(normalizePackageName('crates.io', 'Serde_JSON'), 'serde-json');
  assert.equal(normalizePackageName('NuGet', 'Newtonsoft.Json'), 'newtonsoft.json');
  assert.equal(normalizePackageName('Debian:12', 'OpenSSL'), 'openssl');
  assert.equal(normalizePackageName('npm', 'JSONStream'), 'JSONStream', 'npm names are case-sensitive');
  assert.equal(normalizePackageName('Maven', 'org.Apache:Log4j'), 'org.Apache:Log4j');
});
