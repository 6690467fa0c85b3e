import assert from 'node:assert/strict';
import { test } from 'node:test';
import { osvPackageOfPurl, purlOfOsvPackage, purlTypeOfEcosystem } from './ecosystem-purl.ts';
import { InvalidPurlError } from './purl.ts';

// [OSV ecosystem, OSV name, canonical purl] for each purl type Vigil maps.
const PAIRS: Array<[string, string, string]> = [
  ['npm', '@babel/core', 'pkg:npm/%40babel/core'],
  ['npm', 'lodash', 'pkg:npm/lodash'],
  ['PyPI', 'requests', 'pkg:pypi/requests'],
  ['Maven', 'org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
  ['Go', 'github.com/gin-gonic/gin', 'pkg:golang/github.com/gin-gonic/gin'],
  ['Go', 'stdlib', 'pkg:golang/stdlib'],
  ['crates.io', 'tokio', 'pkg:cargo/tokio'],
  ['NuGet', 'Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json'],
  ['RubyGems', 'rails', 'pkg:gem/rails'],
  ['Packagist', 'symfony/http-kernel', 'pkg:composer/symfony/http-kernel'],
  ['Debian', 'openssl', 'pkg:deb/debian/openssl'],
  ['Ubuntu', 'openssl', 'pkg:deb/ubuntu/openssl'],
  ['Red Hat', 'kernel', 'pkg:rpm/redhat/kernel'],
  ['Rocky Linux', 'kernel', 'pkg:rpm/rocky-linux/kernel'],
  ['Alpine', 'busybox', 'pkg:apk/alpine/busybox'],
];

test('maps OSV packages to package URLs and back', () => {
  for (const [ecosystem, name, purl] of PAIRS) {
    assert.equal(purlOfOsvPackage({ ecosystem, name }), purl, `${ecosystem} ${name}`);
    assert.deepEqual(osvPackageOfPurl(purl), { ecosystem, name }, purl);
  }
});

test('carries the version, and ignores a release suffix, qualifiers and subpath', () => {
  assert.equal(
    purlOfOsvPackage({ ecosystem: 'Debian:12', name: 'curl', version: '7.88.1-10' }),
    'pkg:deb/debian/curl@7.88.1-10',
  );
  assert.deepEqual(osvPackageOfPurl('pkg:maven/org.example/app@1.2.3?type=jar#x'), {
    ecosystem: 'Maven',
    name: 'org.example:app',
    version: '1.2.3',
  });
  assert.deepEqual(osvPackageOfPurl('pkg:golang/golang.org/x/net@v0.17.0#html'), {
    ecosystem: 'Go',
    name: 'golang.org/x/net',
    version: 'v0.17.0',
  });
  assert.deepEqual(purlTypeOfEcosystem('Alpine:v3.18'), { type: 'apk', namespace: 'alpine' });
});

test('answers undefined for what has no mapping, and refuses invalid purls', () => {
  assert.equal(purlOfOsvPackage({ ecosystem: 'Hackage', name: 'aeson' }), undefined);
  assert.equal(purlTypeOfEcosystem('OSS-Fuzz'), undefined);
  assert.equal(osvPackageOfPurl('pkg:deb/kali/openssl'), undefined);
  assert.equal(osvPackageOfPurl('pkg:pypi/extra/requests'), undefined);
  assert.equal(osvPackageOfPurl('pkg:github/package-url/purl-spec'), undefined);
  assert.throws(() => osvPackageOfPurl('pkg:npm'), InvalidPurlError);
  assert.throws(() => purlOfOsvPackage({ ecosystem: 'Maven', name: 'no-group-id' }), InvalidPurlError);
});
