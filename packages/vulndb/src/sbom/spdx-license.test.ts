import assert from 'node:assert/strict';
import { test } from 'node:test';
import { licenseFromExpression, licenseFromIdOrName, parseLicenseExpression } from './spdx-license.ts';

test('an SPDX expression is parsed into canonical spacing and the ids it names', () => {
  assert.deepEqual(parseLicenseExpression('(MIT  OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0'), {
    expression: '(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0',
    ids: ['MIT', 'Apache-2.0', 'GPL-2.0-only'],
  });
  assert.deepEqual(parseLicenseExpression('MIT OR (Apache-2.0 AND BSD-3-Clause)'), {
    expression: 'MIT OR Apache-2.0 AND BSD-3-Clause',
    ids: ['MIT', 'Apache-2.0', 'BSD-3-Clause'],
  });
  assert.deepEqual(parseLicenseExpression('LicenseRef-acme OR GPL-2.0+'), {
    expression: 'LicenseRef-acme OR GPL-2.0+',
    ids: ['LicenseRef-acme', 'GPL-2.0'],
  });
});

test('an expression that does not parse is kept as a name, never as an expression', () => {
  assert.equal(parseLicenseExpression('MIT and stuff'), undefined);
  assert.deepEqual(licenseFromExpression('Apache Software License', 'declared'), {
    expression: null,
    ids: [],
    name: 'Apache Software License',
    acknowledgement: 'declared',
  });
  assert.deepEqual(licenseFromIdOrName('MIT', undefined, null), {
    expression: 'MIT',
    ids: ['MIT'],
    name: null,
    acknowledgement: null,
  });
  assert.deepEqual(licenseFromIdOrName(undefined, 'My licence', 'concluded').name, 'My licence');
});
