import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { AuthorPolicy } from './author.policy.ts';

const admin: Actor = { userId: 1, username: 'admin', isAdmin: true, via: 'session' };
const alice: Actor = { userId: 2, username: 'alice', isAdmin: false, via: 'session' };
const bob: Actor = { userId: 3, username: 'bob', isAdmin: false, via: 'session' };

test('the author and administrators change written content; nobody else', () => {
  const messages = new AuthorPolicy('chat_message');
  const byAlice = { author_id: alice.userId };
  assert.equal(messages.can(alice, 'edit', byAlice), true);
  assert.equal(messages.can(admin, 'delete', byAlice), true);
  assert.equal(messages.can(bob, 'delete', byAlice), false);
  assert.equal(messages.can(bob, 'edit', { author_id: null }), false, 'an author gone: administrators only');
});

test('authorize refuses with the kind’s own sentence', () => {
  assert.doesNotThrow(() => new AuthorPolicy('feed_post').authorize(alice, 'delete', { author_id: alice.userId }));
  assert.throws(
    () => new AuthorPolicy('feed_post').authorize(bob, 'delete', { author_id: alice.userId }),
    (err: unknown) =>
      err instanceof AppError && err.code === 'FORBIDDEN' && err.message === 'You can only delete your own posts',
  );
  assert.throws(
    () => new AuthorPolicy('finding_note').authorize(bob, 'edit', { author_id: alice.userId }),
    /Only the author may edit a note/,
  );
});
