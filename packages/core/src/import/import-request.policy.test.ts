import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProductRole, Repositories } from '@vigil/db';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { ImportRequestPolicy } from './import-request.policy.ts';

const admin: Actor = { userId: 1, username: 'admin', isAdmin: true, via: 'session' };
const alice: Actor = { userId: 2, username: 'alice', isAdmin: false, via: 'session' };
const reader: Actor = { userId: 3, username: 'reader', isAdmin: false, via: 'session' };
const outsider: Actor = { userId: 4, username: 'outsider', isAdmin: false, via: 'session' };

/** Roles: reader is a Reader on product 7, nobody holds anything else. */
const access: Pick<Repositories['access'], 'rolesOnProduct' | 'rolesOnProductType' | 'hasAnyProductInType'> = {
  rolesOnProduct: async (userId: number, productId: number): Promise<ProductRole[]> =>
    userId === reader.userId && productId === 7 ? ['Reader'] : [],
  rolesOnProductType: async () => [],
  hasAnyProductInType: async () => false,
};
const policy = new ImportRequestPolicy({ access: access as Repositories['access'] });

test('the requester, administrators and the product’s readers read a queued import', async () => {
  const queued = { id: 5, actor_id: alice.userId, product_id: 7 };
  assert.equal(await policy.can(alice, 'read', queued), true);
  assert.equal(await policy.can(admin, 'read', queued), true);
  assert.equal(await policy.can(reader, 'read', queued), true);
  assert.equal(await policy.can(outsider, 'read', queued), false);
  assert.equal(await policy.can(reader, 'read', { ...queued, product_id: null }), false, 'product not known yet');
});

test('anyone else is answered as if the request did not exist', async () => {
  await assert.rejects(
    policy.authorize(outsider, 'read', { id: 5, actor_id: alice.userId, product_id: 7 }),
    (err: unknown) => err instanceof AppError && err.code === 'IMPORT_REQUEST_NOT_FOUND',
  );
});
