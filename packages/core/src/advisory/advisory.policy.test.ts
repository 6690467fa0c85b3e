import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advisoryPolicy } from './advisory.policy.ts';
import type { Actor } from '../auth/actor.ts';

const user: Actor = { userId: 2, username: 'u', isAdmin: false, via: 'session' };
const admin: Actor = { ...user, isAdmin: true };

test('every signed-in user reads advisories and sync runs; only administrators start a sync', () => {
  assert.equal(advisoryPolicy.can(user, 'read'), true);
  assert.equal(advisoryPolicy.can(user, 'read_sync_runs'), true);
  assert.equal(advisoryPolicy.can(user, 'trigger_sync'), false);
  assert.equal(advisoryPolicy.can(admin, 'trigger_sync'), true);
  assert.throws(
    () => advisoryPolicy.authorize(user, 'trigger_sync'),
    (e: Error & { code?: string }) => e.code === 'FORBIDDEN' && /administrators/.test(e.message),
  );
});
