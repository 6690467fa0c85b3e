import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { linearUniqueItems, withLinearUniqueItems } from './unique-items.ts';

test('uniqueItems in linear time agrees with the keyword it replaces', () => {
  const schema = { type: 'array', uniqueItems: true, items: { enum: [{ uniqueItems: true }, 1, 2, 'a'] } };
  const native = new Ajv().compile(schema);
  const ajv = new Ajv({ strict: false });
  ajv.addKeyword(linearUniqueItems);
  const linear = ajv.compile(withLinearUniqueItems(schema) as object);
  const cases: unknown[][] = [
    [],
    [1, 2],
    [1, 1],
    ['a', 1, 'a'],
    [{ uniqueItems: true }, { uniqueItems: true }],
    [{ uniqueItems: true }, 2],
  ];
  for (const data of cases) assert.equal(linear(data), native(data), JSON.stringify(data));
  assert.equal(linear([2, 1, 2]), false);
  assert.deepEqual(linear.errors?.[0].message, 'must NOT have duplicate items (items ## 0 and 2 are identical)');
});

test('objects compare as JSON values: key order does not matter', () => {
  const ajv = new Ajv({ strict: false });
  ajv.addKeyword(linearUniqueItems);
  const linear = ajv.compile(withLinearUniqueItems({ type: 'array', uniqueItems: true }) as object);
  assert.equal(
    linear([
      { a: 1, b: [1, { c: 2, d: 3 }] },
      { b: [1, { d: 3, c: 2 }], a: 1 },
    ]),
    false,
  );
  assert.equal(linear([{ a: 1 }, { a: '1' }, { a: [1] }]), true);
  assert.equal(linear.errors ?? null, null);
});
