import type { EventPosition, Repositories } from '@vigil/db';
import { parseDomainEvents, type ParsedEvent } from '@vigil/core';
import type { Logger } from 'pino';

const BATCH = 500;
/** Boundary work (replays) run at once; below the database pool size so REST requests still get connections. */
const BOUNDARY_CONCURRENCY = 8;

/** Log order (ids are drawn in commit order, see DomainEventRepository): is `e` at or before `p`? */
export function atOrBefore(e: { id: number }, p: EventPosition): boolean {
  return e.id <= p.eventId;
}

/**
 * Follows the committed domain event log from its head at start-up and hands each batch, in
 * log (commit) order, to `deliver`. It is woken by NOTIFY (or in-process) and polls as a fallback.
 * Work queued with `atBoundary` runs between two batches, so a socket that joins its rooms there
 * gets every event after the boundary live and every event up to it from its replay: no gap, no
 * duplicate.
 */
export class EventTailer {
  private position: EventPosition | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly pending: (() => Promise<void>)[] = [];

  constructor(
    private readonly repos: Pick<Repositories, 'events'>,
    private readonly deliver: (events: ParsedEvent[]) => Promise<void>,
    private readonly opts: { pollMs: number; logger?: Logger | false },
  ) {}

  async start(): Promise<void> {
    this.position = await this.repos.events.head();
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** The position everything delivered so far reaches. */
  get current(): EventPosition | undefined {
    return this.position;
  }

  wake(): void {
    if (this.stopped || !this.position) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** Runs `work` between two batches with the position delivered so far. */
  atBoundary<T>(work: (position: EventPosition) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Never rejects: the caller gets the error.
      this.pending.push(() =>
        Promise.resolve()
          .then(() => work(this.position!))
          .then(resolve, reject),
      );
      this.wake();
    });
  }

  /**
   * Runs the boundary work queued so far, several at a time: each is one socket's replay, they all
   * see the same position, and none depends on another. Work queued meanwhile waits for the next
   * boundary, so live delivery goes on between the waves of a reconnect burst after a failover
   * (hundreds of replays of a few queries each) instead of waiting for the whole burst.
   */
  private async drainPending(): Promise<void> {
    const wave = this.pending.splice(0);
    const running = new Set<Promise<void>>();
    while (wave.length || running.size) {
      while (wave.length && running.size < BOUNDARY_CONCURRENCY) {
        const job = wave.shift()!;
        const done: Promise<void> = job().finally(() => running.delete(done));
        running.add(done);
      }
      await Promise.race(running);
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.drainPending();
        for (;;) {
          const batch = await this.repos.events.readAfter(this.position!, BATCH);
          if (!batch.length) break;
          try {
            // Parsed once, here: an event that does not match the catalogue is logged and skipped.
            await this.deliver(
              parseDomainEvents(batch, (msg, fields) => {
                if (this.opts.logger) this.opts.logger.warn(fields, msg);
              }),
            );
          } catch (err) {
            // A presenter failure must not stall the stream for everyone: log it and move on.
            if (this.opts.logger)
              this.opts.logger.error({ err, firstEventId: batch[0].id }, 'real-time delivery failed for a batch');
          }
          const last = batch[batch.length - 1];
          this.position = { txId: last.tx_id, eventId: last.id };
          await this.drainPending();
          if (batch.length < BATCH) break;
        }
      } while ((this.again || this.pending.length) && !this.stopped);
    } catch (err) {
      // The database is unreachable: the next poll retries from the same position.
      if (this.opts.logger) this.opts.logger.warn({ err }, 'reading the event log failed; retrying on the next poll');
    } finally {
      this.running = false;
    }
  }
}
