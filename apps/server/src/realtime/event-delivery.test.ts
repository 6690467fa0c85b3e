import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedEvent } from '@vigil/core';
import { createDelivery } from './event-delivery.ts';
import { waitFor } from '../../../../test/support/wait.ts';

// Events as the tailer hands them over, parsed (presentation only reads the fields used here).
const event = (id: number, type: string, topics: string[], payload: Record<string, unknown>) =>
  ({
    id,
    tx_id: String(id),
    type,
    topics,
    actor_id: 1,
    payload,
    created_at: new Date('2026-11-29T10:00:00Z'),
  }) as unknown as ParsedEvent;
const chatPosted = (id: number, messageId: number) => event(id, 'chat.message_posted', ['team:1'], { messageId });
const message = (id: number) => ({
  id,
  channel: 'team:1',
  team_id: 1,
  finding_id: null,
  author_id: 1,
  author_username: 'ann',
  body: `m${id}`,
  mentions: [],
  mention_names: [],
  created_at: new Date(),
  edited_at: null,
  deleted_at: null,
  reactions: [],
});

/** Message loads that answer in reverse order of their ids (later ids first), counting how many run at once. */
function slowMessages() {
  const loads = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const chatMessages = {
    async findById(id: number) {
      loads.calls++;
      loads.inFlight++;
      loads.maxInFlight = Math.max(loads.maxInFlight, loads.inFlight);
      await new Promise((r) => setTimeout(r, 30 - id));
      loads.inFlight--;
      return message(id);
    },
  };
  return { loads, chatMessages };
}

function fakeIo() {
  const emitted: { rooms: string[]; id: number }[] = [];
  const io = {
    local: {
      to: (rooms: string[]) => ({
        emit: (_name: string, envelope: { id: number }) => emitted.push({ rooms, id: envelope.id }),
      }),
      in: () => ({ fetchSockets: async () => [], socketsJoin: () => undefined }),
    },
  };
  return { emitted, io: io as never };
}

test('a batch is presented a few events ahead but broadcast once per event, in log order', async () => {
  const { loads, chatMessages } = slowMessages();
  const { emitted, io } = fakeIo();
  const deliver = createDelivery(io, { chatMessages } as never, { refreshUser: async () => {} });
  await deliver([
    chatPosted(1, 1),
    event(2, 'finding.updated', ['product:2'], { findingId: 3, productId: 2 }),
    chatPosted(3, 5),
    chatPosted(4, 9),
  ]);
  assert.deepEqual(emitted, [
    { rooms: ['team:1'], id: 1 },
    { rooms: ['product:2'], id: 2 },
    { rooms: ['team:1'], id: 3 },
    { rooms: ['team:1'], id: 4 },
  ]);
  assert.equal(loads.calls, 3);
  assert.equal(loads.maxInFlight, 3, 'the three message loads overlap');
});

test(
  'a failed presentation fails the batch as before, ' + 'without unhandled rejections from those started ahead',
  async () => {
    const { io } = fakeIo();
    let n = 0;
    let secondRejected = false;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const chatMessages = {
      async findById() {
        if (++n === 1) throw new Error('connection lost');
        // Simulated latency: the load started ahead fails after the batch has already failed.
        await new Promise((r) => setTimeout(r, 5));
        secondRejected = true;
        throw new Error('also lost');
      },
    };
    const deliver = createDelivery(io, { chatMessages } as never, { refreshUser: async () => {} });
    try {
      await assert.rejects(deliver([chatPosted(1, 1), chatPosted(2, 2)]), /connection lost/);
      await waitFor(() => secondRejected, { what: 'the load started ahead to fail' });
      // Node reports an unhandled rejection after the microtask queue drains: one macrotask turn later.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  },
);
