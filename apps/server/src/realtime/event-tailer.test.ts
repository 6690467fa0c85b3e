import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEventRecord, EventPosition } from '@vigil/db';
import { EventTailer } from './event-tailer.ts';
import { waitFor } from '../../../../test/support/wait.ts';

const event = (id: number): DomainEventRecord => ({
  id,
  tx_id: String(id),
  type: 'chat.message_posted',
  topics: ['team:1'],
  actor_id: 1,
  payload: { messageId: id, channel: 'team:1', teamId: 1, findingId: null, productId: null },
  created_at: new Date(),
});

/** An in-memory log the test appends to. */
function memoryLog() {
  const log: DomainEventRecord[] = [];
  const events = {
    head: async (): Promise<EventPosition> => ({ txId: '0', eventId: log.at(-1)?.id ?? 0 }),
    readAfter: async (p: EventPosition, limit: number) => log.filter((e) => e.id > p.eventId).slice(0, limit),
  };
  return { log, events };
}

test(
  'boundary work (replays) runs several at a time, each with nothing delivered past its position while it runs; ' +
    'later work waits for the next boundary',
  async () => {
    const { log, events } = memoryLog();
    const delivered: number[] = [];
    const tailer = new EventTailer(
      { events } as never,
      async (batch) => void delivered.push(...batch.map((e) => e.id)),
      {
        pollMs: 60_000,
      },
    );
    await tailer.start();
    log.push(event(1), event(2));
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: { position: number; atStart: number; atEnd: number }[] = [];
    const replay = () =>
      tailer.atBoundary(async (position) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const atStart = delivered.length;
        await new Promise((r) => setTimeout(r, 10));
        // An event committed while a replay runs is not delivered until the replays of this boundary end.
        log.push(event(log.length + 1));
        seen.push({ position: position.eventId, atStart, atEnd: delivered.length });
        inFlight--;
      });
    const first = replay(); // starts a boundary on its own
    const burst = Array.from({ length: 20 }, replay); // queued meanwhile: the next boundary, 8 at a time
    await Promise.all([first, ...burst]);
    assert.ok(maxInFlight > 1 && maxInFlight <= 8, `ran ${maxInFlight} at once`);
    for (const s of seen) {
      const upToPosition = delivered.filter((id) => id <= s.position).length;
      assert.equal(s.atStart, upToPosition, 'everything up to the position was delivered before the replay');
      assert.equal(s.atEnd, upToPosition, 'nothing past it was delivered while the replay ran');
    }
    assert.equal(seen[0].position, 0);
    assert.ok(
      seen.slice(1).every((s) => s.position === 3),
      'the burst waited for the next boundary, after the events committed meanwhile',
    );
    tailer.wake();
    await waitFor(() => delivered.length >= log.length, { what: 'the events committed during the replays' });
    assert.deepEqual(
      delivered,
      log.map((e) => e.id),
      'then the stream goes on, each event once, in order',
    );
    tailer.stop();
  },
);
