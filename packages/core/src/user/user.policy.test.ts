import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { userPolicy } from './user.policy.ts';

const admin: Actor = { userId: 1, username: 'admin', isAdmin: true, via: 'session' };
const alice: Actor = { userId: 2, username: 'alice', isAdmin: false, via: 'session' };

test('a user reads and edits their own account and manages its tokens; administrators every account', () => {
  for (const action of ['read', 'update', 'manage_tokens'] as const) {
    assert.equal(userPolicy.can(alice, action, { id: alice.userId }), true, action);
    assert.equal(userPolicy.can(alice, action, { id: 3 }), false, action);
    assert.equal(userPolicy.can(admin, action, { id: 3 }), true, action);
  }
  assert.equal(userPolicy.can(alice, 'change_rights', { id: alice.userId }), false, 'not even on their own account');
  assert.equal(userPolicy.can(admin, 'change_rights', { id: alice.userId }), true);
});

test("someone else's account answers USER_NOT_FOUND; one's own admin-only change is FORBIDDEN", () => {
  assert.throws(
    () => userPolicy.authorize(alice, 'update', { id: 3 }),
    (err: unknown) =>
      err instanceof AppError && err.code === 'USER_NOT_FOUND' && err.message === 'User 3 was not found',
  );
  assert.throws(
    () => userPolicy.authorize(alice, 'change_rights', { id: alice.userId }),
    (err: unknown) => err instanceof AppError && err.code === 'FORBIDDEN',
  );
  assert.doesNotThrow(() => userPolicy.authorize(alice, 'manage_tokens', { id: alice.userId }));
});
