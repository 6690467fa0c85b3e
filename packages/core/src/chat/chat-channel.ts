import { AppError } from '../errors/app-error.ts';

/** A chat channel: the one channel of a team, or the thread of a finding. Same string as its room. */
export type ChannelRef = { kind: 'team'; id: number } | { kind: 'finding'; id: number };

export const channelName = (ref: ChannelRef): string => `${ref.kind}:${ref.id}`;

/** Parses `team:<id>` or `finding:<id>`; anything else is a validation error on `path`. */
export function parseChannel(value: string, path = 'channel'): ChannelRef {
  const m = /^(team|finding):([1-9]\d{0,9})$/.exec(value);
  if (!m || Number(m[2]) > 2_147_483_647) {
    throw new AppError('VALIDATION_FAILED', `"${value}" is not a channel (team:<id> or finding:<id>)`, [
      { path, message: 'must be team:<id> or finding:<id>' },
    ]);
  }
  return { kind: m[1] as ChannelRef['kind'], id: Number(m[2]) };
}

/** What a resolved channel is attached to; productId is set for finding threads. */
export interface ChannelScope {
  ref: ChannelRef;
  name: string;
  /** Shown in lists and mention notifications, e.g. "team Red" or "finding #12 (SQL injection)". */
  title: string;
  teamId: number | null;
  findingId: number | null;
  productId: number | null;
  /** May the caller post, react and edit their own messages here. */
  canPost: boolean;
}
