import type { DeliveryWorker } from './delivery-worker.ts';
import type { NotificationDispatcher } from './notification-dispatcher.ts';

export interface RunnerLogger {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Another durable consumer drained on the same loop (the feed's import posts). */
export interface LoopConsumer {
  readonly name: string;
  drain(): Promise<unknown>;
}

/**
 * The worker-side loop: drain the event log into notifications (and the other consumers given),
 * then send what is due, then sleep. Any number of workers may run it: each consumer's lock lets
 * one process consume at a time and the outbox's leases share the sending. (It is a plain loop so
 * it can later be driven by a queue job instead; each step is already idempotent.)
 */
export class NotificationRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dispatcher: NotificationDispatcher,
    private readonly delivery: DeliveryWorker,
    private readonly intervalMs: number,
    private readonly log: RunnerLogger,
    private readonly others: LoopConsumer[] = [],
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops taking work and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: dispatch, then deliver. */
  async tick(): Promise<void> {
    const dispatched = await this.dispatcher.drain(20);
    // A failing consumer retries on the next round (its batch rolled back) and holds up no other.
    for (const c of this.others)
      await c.drain().catch((err) => this.log.error({ err, consumer: c.name }, 'event consumer failed'));
    const delivered = await this.delivery.drain(20);
    if (dispatched.notifications || delivered.claimed)
      this.log.info({ dispatched, delivered }, 'notifications processed');
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err) => this.log.error({ err }, 'notification round failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs);
        });
    }, delay);
    this.timer.unref?.();
  }
}
