import type { DeliveryWorker } from './delivery-worker.ts';
import type { NotificationDispatcher } from './notification-dispatcher.ts';

export interface RunnerLogger {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * The worker-side loop: drain the event log into notifications, then send what is due, then
 * sleep. Any number of workers may run it: the consumer lock lets one dispatch at a time and the
 * outbox's leases share the sending. (It is a plain loop so it can later be driven by a queue job
 * instead; each step is already idempotent.)
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
    const delivered = await this.delivery.drain(20);
    if (dispatched.notifications || delivered.claimed) this.log.info({ dispatched, delivered }, 'notifications processed');
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
