import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageUrlKey } from './package-url-key.ts';

test('a purl is compared without version, qualifiers and subpath, in canonical form', () => {
  assert.equal(packageUrlKey('pkg:npm/%40babel/core'), 'pkg:npm/%40babel/core');
  assert.equal(packageUrlKey('pkg:npm/@babel/core@7.0.0'), 'pkg:npm/%40babel/core');
  assert.equal(packageUrlKey('pkg:NPM/lodash@4.17.20?repository_url=x#lib'), 'pkg:npm/lodash');
  assert.equal(
    packageUrlKey('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'),
    'pkg:maven/org.apache.logging.log4j/log4j-core',
  );
  assert.equal(packageUrlKey('pkg:pypi/django'), 'pkg:pypi/django');
  assert.equal(packageUrlKey('pkg:golang/github.com/gin-gonic/gin@v1.9.0'), 'pkg:golang/github.com/gin-gonic/gin');
});
