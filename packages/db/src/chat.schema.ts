import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, TeamRole } from './schema-columns.ts';

/** 0008_teams_chat: invitations to teams; a pending one past expires_at reads as expired. */
import type { InvitationStatus as TeamInvitationStatus } from '@vigil/contract/values';
export type { TeamInvitationStatus };
export interface TeamInvitationsTable {
  id: Generated<number>;
  team_id: number;
  /** NULL while an invitation to an address waits for a user to verify it (0016). */
  invitee_id: number | null;
  /** The address an invitation by email named (lower case), kept once a user holds it. */
  invitee_email: string | null;
  invited_by: number | null;
  role: TeamRole;
  status: Generated<TeamInvitationStatus>;
  created_at: CreatedAt;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
}
export interface ChatMessagesTable {
  /** bigint identity, read as a number. */
  id: ColumnType<number, never, never>;
  team_id: number | null;
  finding_id: number | null;
  /** Generated: `team:<id>` or `finding:<id>`. */
  channel: ColumnType<string, never, never>;
  author_id: number | null;
  body: string;
  mentions: ColumnType<number[], number[] | undefined, number[]>;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
  search: ColumnType<string, never, never>;
}
export interface ChatReactionsTable {
  message_id: number;
  user_id: number;
  emoji: string;
  created_at: CreatedAt;
}
export interface ChatReadMarkersTable {
  user_id: number;
  channel: string;
  last_read_id: number;
  updated_at: CreatedAt;
}

/** Team invitations and chat (migration 0008). */
export interface ChatTables {
  team_invitations: TeamInvitationsTable;
  chat_messages: ChatMessagesTable;
  chat_reactions: ChatReactionsTable;
  chat_read_markers: ChatReadMarkersTable;
}
