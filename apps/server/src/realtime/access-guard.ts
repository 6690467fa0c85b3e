import type { Server, Socket } from 'socket.io';
import type { Repositories } from '@vigil/db';
import type { Actor } from '@vigil/core';
import type { Logger } from 'pino';
import { findingReadable, isFindingRoom, isManagedRoom, roomsOfReaders } from './socket-rooms.ts';
import type { SocketCredential } from './socket-auth.ts';

/** Sockets re-checked per round of queries. */
const BATCH = 500;
/** Wait after a first notification, so the topics of one commit (access and auth) make one sweep. */
const COALESCE_MS = 20;
/** Sweeps start at most this often, however many notifications arrive. */
const MIN_GAP_MS = 100;
/** After a failed sweep (database unreachable), the next attempt. */
const RETRY_MS = 1000;
/** Local check of the expiry times learnt by the last sweep (no query unless one has passed). */
const EXPIRY_CHECK_MS = 1000;
/** Every credential is re-read at least this often (sockets whose expiry is not known yet). */
const FULL_CHECK_MS = 60_000;

/** Sent to a socket that was taken out of rooms it may no longer read. */
export const ROOMS_LEFT_EVENT = 'rooms:left';
/** Sent to a socket whose session or token no longer authenticates, just before it is disconnected. */
export const SESSION_ENDED_EVENT = 'session:ended';

/**
 * Keeps live sockets within what their credentials and roles allow now. Every server hears the
 * `access` and `auth` change notifications (migration 0014) and re-checks all its own sockets in
 * batches: credentials still live (session not logged out or expired, token not revoked or
 * expired, user active), then the rooms each user may read, with the same rules as the join
 * path (socket-rooms.ts). Sockets leave rooms they may no longer read (`rooms:left`); a socket
 * whose credential died is told (`session:ended`) and disconnected.
 */
export interface AccessGuard {
  /** Notifications heard so far: a join that computed its rooms before a change is re-checked. */
  readonly changes: number;
  /** A change notification (`access`: roles, teams, products, users; `auth`: sessions, tokens, users). */
  changed(topic: string): void;
  /** Notifications may have been missed (LISTEN (re-)established): re-check everything. */
  changedAll(): void;
  /** Re-checks these sockets now: credential, then rooms. */
  recheck(sockets: Socket[]): Promise<void>;
  /** Re-derives the rooms of one user's sockets on this server (a team membership event). */
  refreshUser(userId: number): Promise<void>;
  stop(): void;
}

export function createAccessGuard(
  io: Server,
  repos: Pick<Repositories, 'realtimeAccess'>,
  logger: Logger | false,
): AccessGuard {
  let changes = 0;
  let wantCredentials = false;
  let wantRooms = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;
  let lastStart = 0;

  const localSockets = () => [...io.of('/').sockets.values()].filter((s) => s.data.credential);

  function end(socket: Socket): void {
    socket.emit(SESSION_ENDED_EVENT, { reason: 'the session or API token is no longer valid' });
    socket.disconnect(true);
  }

  /** Rooms the sockets may read now; leaves the others, joins those granted since (attached sockets only). */
  async function reroom(sockets: Socket[]): Promise<void> {
    if (!sockets.length) return;
    const rooms = await roomsOfReaders(
      repos,
      sockets.map((s) => s.data.actor as Actor),
    );
    const findingIds = new Set<number>();
    for (const s of sockets)
      for (const room of s.rooms) if (isFindingRoom(room)) findingIds.add(Number(room.slice('finding:'.length)));
    const products = await repos.realtimeAccess.productsOfFindings([...findingIds]);
    for (const s of sockets) {
      if (!s.connected) continue;
      const actor = s.data.actor as Actor;
      const wanted = rooms.get(actor.userId)!;
      const left: string[] = [];
      for (const room of s.rooms) {
        if (
          isManagedRoom(room)
            ? !wanted.has(room)
            : isFindingRoom(room) &&
              !findingReadable(actor, products.get(Number(room.slice('finding:'.length))), wanted)
        )
          left.push(room);
      }
      for (const room of left) s.leave(room);
      // A socket still attaching joins at its replay boundary; joining it here would skip the replay.
      if (s.data.attached) {
        const granted = [...wanted].filter((room) => !s.rooms.has(room));
        if (granted.length) s.join(granted);
      }
      if (left.length) s.emit(ROOMS_LEFT_EVENT, { rooms: left });
    }
  }

  async function sweep(sockets: Socket[], withRooms: boolean): Promise<void> {
    for (let i = 0; i < sockets.length; i += BATCH) {
      const batch = sockets.slice(i, i + BATCH).filter((s) => s.connected);
      const credentials = batch.map((s) => s.data.credential as SocketCredential);
      const live = await repos.realtimeAccess.liveCredentials(
        credentials.filter((c) => c.kind === 'session').map((c) => c.key),
        credentials.filter((c) => c.kind === 'token').map((c) => c.key),
      );
      const byKey = new Map(live.map((c) => [`${c.kind}:${c.key}`, c]));
      const survivors: Socket[] = [];
      for (const s of batch) {
        const actor = s.data.actor as Actor;
        const c = byKey.get(
          `${(s.data.credential as SocketCredential).kind}:${(s.data.credential as SocketCredential).key}`,
        );
        if (!c || c.userId !== actor.userId) {
          end(s);
          continue;
        }
        s.data.expiresAt = c.expiresAt?.getTime();
        const adminChanged = c.isAdmin !== actor.isAdmin;
        if (adminChanged || c.username !== actor.username)
          s.data.actor = { ...actor, username: c.username, isAdmin: c.isAdmin } satisfies Actor;
        if (withRooms || adminChanged) survivors.push(s);
      }
      await reroom(survivors);
    }
  }

  function schedule(delay = COALESCE_MS): void {
    if (stopped || timer || running) return;
    timer = setTimeout(() => void run(), Math.max(delay, lastStart + MIN_GAP_MS - Date.now()));
  }

  async function run(): Promise<void> {
    timer = undefined;
    running = true;
    const withRooms = wantRooms;
    wantCredentials = wantRooms = false;
    lastStart = Date.now();
    let retry = false;
    try {
      await sweep(localSockets(), withRooms);
    } catch (err) {
      // Nothing verified: keep the sockets as they are and try again shortly.
      if (logger) logger.warn({ err: (err as Error).message }, 're-checking real-time access failed; retrying');
      wantCredentials = true;
      wantRooms ||= withRooms;
      retry = true;
    } finally {
      running = false;
    }
    if (wantCredentials || wantRooms) schedule(retry ? RETRY_MS : COALESCE_MS);
  }

  const expiryCheck = setInterval(() => {
    const now = Date.now();
    if (localSockets().some((s) => s.data.expiresAt !== undefined && s.data.expiresAt <= now)) {
      wantCredentials = true;
      schedule();
    }
  }, EXPIRY_CHECK_MS).unref();
  const fullCheck = setInterval(() => {
    wantCredentials = true;
    schedule();
  }, FULL_CHECK_MS).unref();

  return {
    get changes() {
      return changes;
    },
    changed(topic) {
      if (topic !== 'access' && topic !== 'auth') return;
      changes++;
      wantCredentials = true;
      if (topic === 'access') wantRooms = true;
      schedule();
    },
    changedAll() {
      changes++;
      wantCredentials = wantRooms = true;
      schedule();
    },
    recheck: (sockets) => sweep(sockets, true),
    async refreshUser(userId) {
      const nsp = io.of('/');
      const ids = nsp.adapter.rooms.get(`user:${userId}`);
      const sockets = [...(ids ?? [])].map((id) => nsp.sockets.get(id)).filter((s): s is Socket => !!s);
      await reroom(sockets);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(expiryCheck);
      clearInterval(fullCheck);
    },
  };
}
