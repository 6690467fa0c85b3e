import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEventRecord, EventPosition } from '@vigil/db';
import { EventTailer } from './event-tailer.ts';

const event = (id: number): DomainEventRecord => ({ id, tx_id: String(id), type: 'chat.message_posted', topics: ['team:1'], actor_id: 1, payload: { messageId: id }, created_at: new Date() });

/** An in-memory log the test appends to. */
function memoryLog() {
  const log: DomainEventRecord[] = [];
  const events = {
    head: async (): Promise<EventPosition> => ({ txId: '0', eventId: log.at(-1)?.id ?? 0 }),
    readAfter: async (p: EventPosition, limit: number) => log.filter((e) => e.id > p.eventId).slice(0, limit),
  };
  return { log, events };
}

test('boundary work (replays) runs several at a time, all at one position, with no delivery in between', async () => {
  const { log, events } = memoryLog();
  const delivered: number[] = [];
  const tailer = new EventTailer({ events } as never, async (batch) => void delivered.push(...batch.map((e) => e.id)), { pollMs: 60_000 });
  await tailer.start();
  log.push(event(1), event(2));
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: { position: number; deliveredThen: number }[] = [];
  const replays = Array.from({ length: 20 }, () =>
    tailer.atBoundary(async (position) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      // An event committed meanwhile must not be delivered while a replay runs.
      if (!log.some((e) => e.id === 3)) log.push(event(3));
      seen.push({ position: position.eventId, deliveredThen: delivered.length });
      inFlight--;
    }),
  );
  await Promise.all(replays);
  assert.ok(maxInFlight > 1 && maxInFlight <= 8, `ran ${maxInFlight} at once`);
  const positions = new Set(seen.map((s) => s.position));
  assert.equal(positions.size, 1, 'every replay of the burst saw the same position');
  const [position] = positions;
  assert.ok(seen.every((s) => s.deliveredThen === delivered.filter((id) => id <= position).length), 'nothing delivered during the replays');
  tailer.wake();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(delivered, [1, 2, 3], 'then the stream goes on, each event once');
  tailer.stop();
});
