import type { ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ClientFleet, percentile } from './realtime-fleet.ts';

export interface FailoverSetup {
  /** The Vigil fleet: users 0..half-1 on replica A (group 0), users half..2·half-1 on B (group 1). */
  fleet: ClientFleet;
  urlA: string;
  replicaB: ChildProcess;
  half: number;
  tokenOf: (user: number) => string;
  /** Posts one team message through A; returns its key. */
  post: () => Promise<string>;
  /** Replica A's largest event-loop delay since the last call. */
  loopLagA: () => Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n);

/**
 * kill -9 of replica B while team messages keep being posted through A every `everyMs`. B's
 * clients reconnect to A together, sending the last event id they saw (as RealtimeClient does);
 * A replays what they missed and puts them live. Measured: the time from the kill until every one
 * of them is ready; the latency of the messages for the clients that stayed on A (their live
 * delivery waits while the replays run); and that every moved user has each message posted since
 * the kill exactly once.
 */
export async function measureFailover(f: FailoverSetup, messages: number, everyMs: number) {
  const presenceBefore = f.fleet.presenceNotices;
  await f.loopLagA();
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  const exited = new Promise((r) => f.replicaB.once('exit', r));
  const killedAt = performance.now();
  f.replicaB.kill('SIGKILL');
  await exited;
  const sent = new Map<string, number>();
  const posting = (async () => {
    for (let i = 0; i < messages; i++) {
      const start = performance.now();
      sent.set(await f.post(), start);
      await sleep(everyMs);
    }
  })();
  const moved = Array.from({ length: f.half }, (_, i) => f.half + i);
  const movedGroup = 2;
  await f.fleet.connect(
    f.urlA,
    moved.length,
    (i) => ({ token: f.tokenOf(moved[i]), lastEventId: f.fleet.lastEventId.get(moved[i]) ?? 0 }),
    'ready',
    moved.length,
    (i) => moved[i],
  );
  const readyMs = performance.now() - killedAt;
  await posting;
  for (const key of sent.keys()) await f.fleet.waitFor(key, 2 * f.half, 10_000);
  benchLoop.disable();
  const lagA = await f.loopLagA();

  const stayed: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (const [key, t0] of sent) {
    const arrivals = f.fleet.arrivals.get(key) ?? [];
    for (const a of arrivals) if (a.group === 0) stayed.push(a.at - t0);
    const movedUsers = arrivals.filter((a) => a.group === movedGroup).map((a) => a.user);
    const distinct = new Set(movedUsers).size;
    missing += moved.length - distinct;
    duplicates += movedUsers.length - distinct;
  }
  stayed.sort((x, y) => x - y);
  return {
    'clients moved': moved.length,
    'messages posted': sent.size,
    'kill → all moved clients ready (ms)': round(readyMs),
    'stayed on A: p50 / p99 / max (ms)':
      `${round(percentile(stayed, 50))} / ` + `${round(percentile(stayed, 99))} / ${round(stayed.at(-1) ?? NaN)}`,
    'moved: missing / duplicates': `${missing} / ${duplicates}`,
    'event-loop max (bench | A)': `${round(benchLoop.max / 1e6)} ms | ${round(lagA)} ms`,
    'presence notices': f.fleet.presenceNotices - presenceBefore,
  };
}
