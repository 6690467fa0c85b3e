/** Table types of accounts: users, sign-in (sessions, API tokens, e-mail verification, login attempts), teams. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, TeamRole, Timestamp } from './schema-columns.ts';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: Generated<string>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  password_hash: string | null;
  is_admin: Generated<boolean>;
  is_active: Generated<boolean>;
  /** Made by the MiniTwit simulator API: lives in the feed only, never signs in (migration 0015). */
  feed_only: Generated<boolean>;
  /**
   * When the owner proved the address (a verification link) or an admin vouched for it; cleared when it changes (0016).
   */
  email_verified_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** 0016: one row per verification link; only the digest of its secret is stored; used once. */
export interface EmailVerificationTokensTable {
  id: ColumnType<number, never, never>;
  user_id: number;
  email: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_start: Timestamp;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  role: TeamRole;
  created_at: CreatedAt;
}
