import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { adminPolicy } from './admin.policy.ts';

const admin: Actor = { userId: 1, username: 'admin', isAdmin: true, via: 'session' };
const alice: Actor = { userId: 2, username: 'alice', isAdmin: false, via: 'session' };

test('administrators may do every declared action; nobody else may', () => {
  assert.equal(adminPolicy.can(admin, 'retry', 'job'), true);
  assert.equal(adminPolicy.can(admin, 'verify_email', 'user'), true);
  assert.equal(adminPolicy.can(alice, 'retry', 'job'), false);
  assert.equal(adminPolicy.can(alice, 'read', 'audit_log'), false);
});

test('authorize refuses a non-administrator with FORBIDDEN and the action’s sentence', () => {
  assert.doesNotThrow(() => adminPolicy.authorize(admin, 'create', 'sla_configuration'));
  assert.throws(
    () => adminPolicy.authorize(alice, 'create', 'sla_configuration'),
    (err: unknown) =>
      err instanceof AppError &&
      err.code === 'FORBIDDEN' &&
      err.message === 'Only administrators may change SLA configurations',
  );
  assert.throws(
    () => adminPolicy.authorize(alice, 'change_rights', 'user'),
    /Only administrators may change usernames, admin rights or activation/,
  );
});
