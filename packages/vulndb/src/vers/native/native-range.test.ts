import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatVers } from '../vers-range.ts';
import { NativeRangeError } from './native-range-error.ts';
import { versFromNative } from './native-range.ts';

const vers = (type: string, native: string) => formatVers(versFromNative(type, native));

test('npm: comparators, caret, tilde, x-ranges, hyphen ranges, alternatives', () => {
  assert.equal(vers('npm', '^1.2.9'), 'vers:npm/>=1.2.9|<2.0.0');
  assert.equal(vers('npm', '^0.2.1-beta'), 'vers:npm/>=0.2.1-beta|<0.3.0');
  assert.equal(vers('npm', '~3.8.2'), 'vers:npm/>=3.8.2|<3.9.0');
  assert.equal(vers('npm', '2.0.x || 2.1.x'), 'vers:npm/>=2.0.0|<2.1.0|>=2.1.0|<2.2.0');
  assert.equal(vers('npm', '5.0.0 - 7.2.3'), 'vers:npm/>=5.0.0|<=7.2.3');
  assert.equal(vers('npm', '< 2.1.7 > 2.0.0 || <1.6.5'), 'vers:npm/<1.6.5|>2.0.0|<2.1.7');
  assert.equal(vers('npm', '>=v2.0.0-alpha8'), 'vers:npm/>=2.0.0-alpha8');
  assert.equal(vers('npm', '*'), 'vers:npm/*');
  assert.throws(() => versFromNative('npm', '>=banana'), NativeRangeError);
});

test('pypi: specifiers, compatible release', () => {
  assert.equal(vers('pypi', '>= 1.0, !=1.3, <2'), 'vers:pypi/>=1.0|!=1.3|<2');
  assert.equal(vers('pypi', '~=2.2'), 'vers:pypi/>=2.2|<3');
  assert.equal(vers('pypi', '~=1.4.5'), 'vers:pypi/>=1.4.5|<1.5');
  assert.equal(vers('pypi', '==1.0'), 'vers:pypi/1.0');
  assert.throws(() => versFromNative('pypi', '==1.*'), /prefix matching/);
  assert.throws(() => versFromNative('pypi', '1.0'), /is not a version specifier/);
});

test('gem: pessimistic operator and plain requirements', () => {
  assert.equal(vers('gem', '~>2.0.8'), 'vers:gem/>=2.0.8|<2.1');
  assert.equal(vers('gem', '~> 2'), 'vers:gem/>=2|<3');
  assert.equal(vers('gem', '>= 1.0, < 2'), 'vers:gem/>=1.0|<2');
  assert.equal(vers('gem', '= 1.2.3'), 'vers:gem/1.2.3');
});

test('nuget: interval notation and a bare minimum', () => {
  assert.equal(vers('nuget', '[1.0.0, 2.0.0)'), 'vers:nuget/>=1.0.0|<2.0.0');
  assert.equal(vers('nuget', '(,1.0]'), 'vers:nuget/<=1.0');
  assert.equal(vers('nuget', '[1.0]'), 'vers:nuget/1.0');
  assert.equal(vers('nuget', '1.0'), 'vers:nuget/>=1.0');
  assert.equal(vers('nuget', '(1.0,)'), 'vers:nuget/>1.0');
  assert.throws(() => versFromNative('nuget', '[1.0,2.0'), /expected an interval/);
  assert.throws(() => versFromNative('conan', '>1.0'), /not supported/);
});
