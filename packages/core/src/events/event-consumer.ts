import type { DomainEventRecord, Repositories, UnitOfWork } from '@vigil/db';

/**
 * A durable consumer of the domain event log: a name (its row in `event_consumers`) and what it
 * does with a batch of committed events. `handle` runs in the batch's transaction, with that
 * transaction's repositories: whatever it writes commits together with the consumer's new position,
 * or not at all (the batch is then read again). So a handler acts on each event exactly once as long
 * as it writes only through `repos`.
 */
export interface EventConsumer<R = void> {
  readonly name: string;
  /** Events read per transaction. */
  readonly batchSize: number;
  handle(repos: Repositories, events: DomainEventRecord[]): Promise<R>;
}

export interface ConsumerBatch<R> {
  /** False when another process holds the consumer (nothing was read). */
  locked: boolean;
  events: number;
  /** What `handle` returned; undefined when nothing was read. */
  result: R | undefined;
}

/**
 * The one loop over event positions, shared by every durable consumer (notifications, Jira, feed
 * posts): one transaction per batch that locks the consumer's row (`FOR UPDATE SKIP LOCKED`, so one
 * process consumes at a time and the others skip), reads the next events, hands them to the
 * consumer and saves the position.
 */
export async function runConsumerBatch<R>(uow: UnitOfWork, consumer: EventConsumer<R>): Promise<ConsumerBatch<R>> {
  return uow.transaction(async (repos) => {
    const position = await repos.events.lockConsumer(consumer.name);
    if (!position) return { locked: false, events: 0, result: undefined };
    const events = await repos.events.readAfter(position, consumer.batchSize);
    if (!events.length) return { locked: true, events: 0, result: undefined };
    const result = await consumer.handle(repos, events);
    const last = events[events.length - 1];
    await repos.events.saveConsumerPosition(consumer.name, { txId: last.tx_id, eventId: last.id });
    return { locked: true, events: events.length, result };
  });
}

/**
 * Runs batches until the log is drained, another process holds the consumer, or `maxBatches` ran;
 * `each` sees every batch's result. Returns the number of events read.
 */
export async function drainConsumer<R>(
  uow: UnitOfWork,
  consumer: EventConsumer<R>,
  opts: { maxBatches?: number; each?: (result: R) => void } = {},
): Promise<{ locked: boolean; events: number }> {
  let events = 0;
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    const batch = await runConsumerBatch(uow, consumer);
    if (!batch.locked) return { locked: false, events };
    events += batch.events;
    if (batch.result !== undefined) opts.each?.(batch.result);
    if (batch.events < consumer.batchSize) break;
  }
  return { locked: true, events };
}
