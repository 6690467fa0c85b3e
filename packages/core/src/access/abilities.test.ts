import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENGAGEMENT_ABILITIES,
  FINDING_ABILITIES,
  PRODUCT_ABILITIES,
  PRODUCT_ROLES,
  PRODUCT_TYPE_ABILITIES,
  TEST_ABILITIES,
} from '@vigil/contract/values';
import { abilitiesFor, can, type ResourceKind } from './abilities.ts';
import { ROLE_RANK, highest } from './roles.ts';

// The API returns abilitiesFor(role, kind) as `abilities`, serialized through the contract's enum of
// that kind: an ability the contract does not list would fail every answer that carries it.
const CONTRACT_ABILITIES: Record<ResourceKind, readonly string[]> = {
  product_type: PRODUCT_TYPE_ABILITIES,
  product: PRODUCT_ABILITIES,
  engagement: ENGAGEMENT_ABILITIES,
  test: TEST_ABILITIES,
  finding: FINDING_ABILITIES,
};

test("an Owner holds exactly the contract's abilities of each kind", () => {
  for (const [kind, listed] of Object.entries(CONTRACT_ABILITIES) as Array<[ResourceKind, readonly string[]]>) {
    assert.deepEqual([...abilitiesFor('Owner', kind)].sort(), [...listed].sort(), kind);
  }
});

test('no role holds nothing; a Reader only reads; abilities grow with the role', () => {
  for (const kind of Object.keys(CONTRACT_ABILITIES) as ResourceKind[]) {
    assert.deepEqual(abilitiesFor(null, kind), [], kind);
    assert.deepEqual(abilitiesFor('Reader', kind), ['read'], kind);
    for (let i = 1; i < PRODUCT_ROLES.length; i++) {
      const weaker = abilitiesFor(PRODUCT_ROLES[i - 1], kind);
      const stronger = abilitiesFor(PRODUCT_ROLES[i], kind);
      assert.ok(
        weaker.every((a) => stronger.includes(a)),
        `${kind}: ${PRODUCT_ROLES[i]} lacks some of ${weaker}`,
      );
    }
  }
  assert.equal(can('Writer', 'import', 'product'), true);
  assert.equal(can('Writer', 'delete', 'engagement'), false);
  assert.equal(can('Owner', 'add_product', 'product'), false, 'an action the kind does not have');
});

test("the role ranks follow the contract's role list, weakest first", () => {
  assert.deepEqual(
    Object.entries(ROLE_RANK)
      .sort(([, a], [, b]) => a - b)
      .map(([role]) => role),
    [...PRODUCT_ROLES],
  );
  assert.equal(highest(['Reader', null, 'Maintainer', 'Writer']), 'Maintainer');
  assert.equal(highest([undefined, null]), null);
});
