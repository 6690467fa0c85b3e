import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPurl, InvalidPurlError, normalizePurl, parsePurl, purlPackageKey } from './purl.ts';

test('parses a package URL into normalized components', () => {
  assert.deepEqual(parsePurl('pkg:npm/%40angular/core@16.2.0?b=2&a=1#lib/x'), {
    type: 'npm',
    namespace: '@angular',
    name: 'core',
    version: '16.2.0',
    qualifiers: { b: '2', a: '1' },
    subpath: 'lib/x',
  });
  assert.deepEqual(parsePurl('pkg:PyPI/Django_Rest'), { type: 'pypi', name: 'django-rest' });
});

test('builds and normalizes to the canonical string', () => {
  assert.equal(
    buildPurl({ type: 'maven', namespace: 'org.apache.commons', name: 'commons-text', version: '1.9' }),
    'pkg:maven/org.apache.commons/commons-text@1.9',
  );
  assert.equal(normalizePurl('pkg:NPM/@babel/core@7.0.0?z=1&a=2'), 'pkg:npm/%40babel/core@7.0.0?a=2&z=1');
  assert.equal(purlPackageKey('pkg:npm/@babel/core@7.0.0?arch=x#sub'), 'pkg:npm/%40babel/core');
  assert.equal(purlPackageKey('pkg:deb/debian/curl@7.88.1-10?arch=source'), 'pkg:deb/debian/curl');
});

test('refuses what is not a package URL, naming it and the reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['npm/lodash', /"npm\/lodash" is not a valid package URL/],
    ['pkg:3nginx/nginx@1', /type "3nginx" cannot start with a number/],
    ['pkg:maven/commons-text@1.9', /maven/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parsePurl(text),
      (error: unknown) => {
        assert.ok(error instanceof InvalidPurlError, text);
        assert.equal(error.purl, text);
        assert.match(error.message, message);
        return true;
      },
    );
  }
  assert.throws(() => buildPurl({ type: '', name: 'x' }), InvalidPurlError);
});
