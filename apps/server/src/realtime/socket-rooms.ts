import type { Repositories } from '@vigil/db';
import type { Actor } from '@vigil/core';

/** Every signed-in connection: people's feed posts (the public timeline is readable by all). */
export const PUBLIC_ROOM = 'public';

/** Admins are in this room so that new products can be joined for them. */
export const ADMINS_ROOM = 'admins';

type Repos = Pick<Repositories, 'realtimeAccess'>;

/** Who reads: the user and whether they are an administrator (as the database has it now). */
export type Reader = Pick<Actor, 'userId' | 'isAdmin'>;

/**
 * The rooms each user may read, from the database, in a few set-based queries for all of them:
 * the public feed room, their user room, their teams, and every product they can read (directly,
 * via a product type, or via a team; every product for an admin). Finding rooms are joined only on
 * explicit subscription, after a read check (see `findingReadable`).
 */
export async function roomsOfReaders(repos: Repos, readers: readonly Reader[]): Promise<Map<number, Set<string>>> {
  const userIds = [...new Set(readers.map((r) => r.userId))];
  const nonAdmins = [...new Set(readers.filter((r) => !r.isAdmin).map((r) => r.userId))];
  const anyAdmin = readers.some((r) => r.isAdmin);
  const [teams, products, allProducts] = await Promise.all([
    repos.realtimeAccess.teamsOfUsers(userIds),
    repos.realtimeAccess.readableProductsOfUsers(nonAdmins),
    anyAdmin ? repos.realtimeAccess.allProductIds() : Promise.resolve([]),
  ]);
  const rooms = new Map<number, Set<string>>();
  for (const r of readers) {
    if (rooms.has(r.userId)) continue;
    const set = new Set([PUBLIC_ROOM, `user:${r.userId}`]);
    if (r.isAdmin) {
      set.add(ADMINS_ROOM);
      for (const id of allProducts) set.add(`product:${id}`);
    }
    rooms.set(r.userId, set);
  }
  for (const t of teams) rooms.get(t.userId)?.add(`team:${t.teamId}`);
  for (const p of products) rooms.get(p.userId)?.add(`product:${p.productId}`);
  return rooms;
}

/** The rooms one user may read (see `roomsOfReaders`). */
export async function roomsOf(repos: Repos, actor: Reader): Promise<string[]> {
  return [...(await roomsOfReaders(repos, [actor])).get(actor.userId)!];
}

/** A finding room is readable by whoever reads its product (an admin: any existing finding). */
export function findingReadable(reader: Reader, productId: number | undefined, rooms: ReadonlySet<string>): boolean {
  return productId !== undefined && (reader.isAdmin || rooms.has(`product:${productId}`));
}

/** Room kinds that follow access rules recomputed by `roomsOf` (finding rooms are explicit). */
export const isManagedRoom = (room: string) =>
  room.startsWith('team:') || room.startsWith('product:') || room === ADMINS_ROOM;

export const isFindingRoom = (room: string) => room.startsWith('finding:');
