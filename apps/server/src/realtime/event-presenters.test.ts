import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEventRecord } from '@vigil/db';
import { parseDomainEvents, type ParsedEvent } from '@vigil/core';
import { presentEvent } from './event-presenters.ts';
import { atOrBefore } from './event-tailer.ts';

const record = (type: string, topics: string[], payload: Record<string, unknown>): DomainEventRecord => ({
  id: 7,
  tx_id: '100',
  type,
  topics,
  actor_id: 1,
  payload,
  created_at: new Date('2026-11-29T10:00:00Z'),
});
/** An event as the tailer hands it over: parsed by the catalogue (the presenters read only the fields used here). */
const event = (type: string, topics: string[], payload: Record<string, unknown>) =>
  record(type, topics, payload) as unknown as ParsedEvent;
const noMessages = { chatMessages: { findById: async () => undefined } } as never;

test('finding events carry the finding facts to product and finding rooms only', async () => {
  const p = await presentEvent(
    event('finding.updated', ['finding:3', 'product:2', 'product_type:1'], {
      findingId: 3,
      productId: 2,
      title: 'XSS',
      severity: 'High',
      status: 'Active',
      description: 'long secret text',
    }),
    noMessages,
  );
  assert.deepEqual(p?.rooms, ['finding:3', 'product:2']);
  assert.deepEqual(p?.envelope, {
    id: 7,
    type: 'finding.updated',
    at: '2026-11-29T10:00:00.000Z',
    data: { findingId: 3, productId: 2, title: 'XSS', severity: 'High', status: 'Active' },
  });
});

test(
  'personal events go to user rooms only; a type without a presenter carries only its ids; an unknown type is ' +
    'skipped where the log is read',
  async () => {
    const mention = await presentEvent(
      event('user.mentioned', ['user:5', 'team:1'], {
        messageId: 1,
        channel: 'team:1',
        excerpt: 'hi',
        mentionedUserIds: [5],
      }),
      noMessages,
    );
    assert.deepEqual(mention?.rooms, ['user:5']);
    const [expired] = parseDomainEvents([
      record('risk_acceptance.expired', ['product:2'], {
        riskAcceptanceId: 4,
        name: 'internal note',
        productId: 2,
        ownerId: 3,
        expirationDate: '2026-11-01',
        reactivatedFindingIds: [1, 2],
      }),
    ]);
    const idsOnly = await presentEvent(expired, noMessages);
    assert.deepEqual(idsOnly?.envelope.data, {
      riskAcceptanceId: 4,
      productId: 2,
      ownerId: 3,
      reactivatedFindingIds: [1, 2],
    });
    const skipped: unknown[] = [];
    assert.deepEqual(
      parseDomainEvents([record('risk.reviewed', ['product:2'], { riskAcceptanceId: 4 })], (_msg, fields) =>
        skipped.push(fields.type),
      ),
      [],
    );
    assert.deepEqual(skipped, ['risk.reviewed'], 'logged, not delivered');
    assert.equal(
      await presentEvent(event('product_type.added', ['product_type:1'], { productTypeId: 1 }), noMessages),
      null,
      'no room for product types',
    );
    assert.equal(
      await presentEvent(event('chat.message_posted', ['team:1'], { messageId: 99 }), noMessages),
      null,
      'a message gone since is skipped',
    );
  },
);

test('log positions compare by event id (ids are drawn in commit order)', () => {
  assert.equal(atOrBefore({ id: 5 }, { txId: '100', eventId: 5 }), true);
  assert.equal(atOrBefore({ id: 6 }, { txId: '100', eventId: 5 }), false);
  assert.equal(atOrBefore({ id: 1000 }, { txId: '1', eventId: 999 }), false, 'numeric order');
});

test(
  "feed posts: a person's post to the public room with safely rendered markdown; a product post to its readers " +
    'only',
  async () => {
    const person = await presentEvent(
      event('feed.posted', ['public', 'user:4'], {
        postId: 9,
        text: 'hello **team** <script>x</script>',
        authorId: 4,
        authorUsername: 'dana',
        productId: null,
        productName: null,
        createdAt: '2026-11-29T10:00:00.000Z',
      }),
      noMessages,
    );
    assert.deepEqual(person?.rooms, ['public', 'user:4']);
    const post = person?.envelope.data.post as { html: string; author: { username: string } };
    assert.equal(post.author.username, 'dana');
    assert.match(post.html, /<strong>team<\/strong>/);
    assert.doesNotMatch(post.html, /<script>/);
    const product = await presentEvent(
      event('feed.posted', ['product:2'], {
        postId: 10,
        text: 'Imported 3 findings',
        authorId: null,
        productId: 2,
        productName: 'Shop',
        createdAt: '2026-11-29T10:00:00.000Z',
      }),
      noMessages,
    );
    assert.deepEqual(product?.rooms, ['product:2']);
  },
);
