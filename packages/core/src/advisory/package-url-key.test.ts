import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageUrlMatch } from './package-url-key.ts';

test('a purl of a known type is searched as the OSV package it denotes, version and qualifiers aside', () => {
  assert.deepEqual(packageUrlMatch('pkg:npm/%40babel/core@7.0.0'), {
    kind: 'package',
    ecosystem: 'npm',
    name: '@babel/core',
  });
  assert.deepEqual(packageUrlMatch('pkg:npm/@babel/core'), { kind: 'package', ecosystem: 'npm', name: '@babel/core' });
  assert.deepEqual(packageUrlMatch('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'), {
    kind: 'package',
    ecosystem: 'Maven',
    name: 'org.apache.logging.log4j:log4j-core',
  });
  assert.deepEqual(packageUrlMatch('pkg:golang/github.com/gin-gonic/gin@v1.9.0'), {
    kind: 'package',
    ecosystem: 'Go',
    name: 'github.com/gin-gonic/gin',
  });
  assert.deepEqual(packageUrlMatch('pkg:apk/alpine/openssl@1.1.1-r0?arch=source'), {
    kind: 'package',
    ecosystem: 'Alpine',
    name: 'openssl',
  });
  assert.deepEqual(packageUrlMatch('pkg:PYPI/Django@4.2#src'), { kind: 'package', ecosystem: 'PyPI', name: 'Django' });
});

test('other purls are compared as text, in the canonical versionless form', () => {
  assert.deepEqual(packageUrlMatch('pkg:swift/github.com/apple/swift-nio@2.0.0?x=1'), {
    kind: 'purl',
    purl: 'pkg:swift/github.com/apple/swift-nio',
  });
  assert.deepEqual(packageUrlMatch('pkg:generic/@acme/x'), { kind: 'purl', purl: 'pkg:generic/%40acme/x' });
});
