/**
 * Writes MiniTwit's `latest` counter with at most one write in flight per process. The counter is
 * one row, so concurrent writers queue on its row lock through each other's commit (a cap that no
 * concurrency raises: docs/benchmarks.md, bench:feed); the simulator sends it on every request.
 *
 * A value that arrives while a write is in flight waits for the next write, which stores the value
 * of the request that arrived last, as MiniTwit's single-threaded server would; every caller's
 * promise settles when a write that covers its request has committed (or failed), so a response is
 * never sent before its `latest` is stored.
 */
export class LatestWriter {
  private inFlight = false;
  private next: { value: number; waiters: { resolve: () => void; reject: (err: unknown) => void }[] } | undefined;

  constructor(private readonly write: (value: number) => Promise<void>) {}

  record(value: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.next) this.next = { value, waiters: [] };
      this.next.value = value;
      this.next.waiters.push({ resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    while (this.next) {
      const batch = this.next;
      this.next = undefined;
      try {
        await this.write(batch.value);
        for (const w of batch.waiters) w.resolve();
      } catch (err) {
        for (const w of batch.waiters) w.reject(err);
      }
    }
    this.inFlight = false;
  }
}
