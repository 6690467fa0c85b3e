import type { Repositories } from '@vigil/db';
import type { Actor } from '@vigil/core';

/** Every signed-in connection: people's feed posts (the public timeline is readable by all). */
export const PUBLIC_ROOM = 'public';

/** Admins are in this room so that new products can be joined for them. */
export const ADMINS_ROOM = 'admins';

/**
 * The rooms a user may read, from the database: the public feed room, their user room, their teams, and every product
 * they can read (directly, via a product type, or via a team; every product for an admin).
 * Finding rooms are joined only on explicit subscription, after a read check.
 */
export async function roomsOf(repos: Pick<Repositories, 'chatRooms'>, actor: Actor): Promise<string[]> {
  const [teamIds, productIds] = await Promise.all([repos.chatRooms.teamIdsOf(actor.userId), repos.chatRooms.productIdsOf(actor.isAdmin ? undefined : actor.userId)]);
  return [PUBLIC_ROOM, `user:${actor.userId}`, ...teamIds.map((id) => `team:${id}`), ...productIds.map((id) => `product:${id}`), ...(actor.isAdmin ? [ADMINS_ROOM] : [])];
}

/** Room kinds that follow access rules recomputed by `roomsOf` (finding rooms are explicit). */
export const isManagedRoom = (room: string) => room.startsWith('team:') || room.startsWith('product:');
