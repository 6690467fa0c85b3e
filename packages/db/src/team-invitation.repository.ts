import { sql, type Kysely } from 'kysely';
import type { Database, TeamInvitationStatus, TeamRole, UserRow } from './schema.ts';

/**
 * An invitation with the names the UI shows. Its invitee is a user (the foreign key cascades, so
 * the name is there) or, while it waits for an address to be verified, only that address; its
 * inviter is a user, or null once that user is deleted (SET NULL).
 */
export type TeamInvitationView = {
  id: number;
  team_id: number;
  team_name: string;
  role: TeamRole;
  status: TeamInvitationStatus;
  created_at: Date;
  expires_at: Date;
  responded_at: Date | null;
} & (
  | { invitee_id: number; invitee_username: string; invitee_email: string | null }
  | { invitee_id: null; invitee_username: null; invitee_email: string }
) &
  ({ invited_by: number; invited_by_username: string } | { invited_by: null; invited_by_username: null });

export class TeamInvitationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The active user an invitation by username names (exact username). */
  findInviteeByUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('is_active', '=', true)
      .where('username', '=', username.trim())
      .executeTakeFirst();
  }

  /**
   * The active workspace account whose VERIFIED address this is (case-insensitive; unique among
   * workspace accounts). Feed-only accounts may share an address and are never found by it.
   */
  findInviteeByVerifiedEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('is_active', '=', true)
      .where('feed_only', '=', false)
      .where('email_verified_at', 'is not', null)
      .where('email', '<>', '')
      .where(sql`lower(email)`, '=', email.trim().toLowerCase())
      .executeTakeFirst();
  }

  async insert(row: {
    teamId: number;
    inviteeId: number | null;
    inviteeEmail: string | null;
    invitedBy: number | null;
    role: TeamRole;
    expiresAt: Date;
  }): Promise<number> {
    const r = await this.db
      .insertInto('team_invitations')
      .values({
        team_id: row.teamId,
        invitee_id: row.inviteeId,
        invitee_email: row.inviteeEmail,
        invited_by: row.invitedBy,
        role: row.role,
        expires_at: row.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  private view() {
    return this.db
      .selectFrom('team_invitations as i')
      .innerJoin('teams as t', 't.id', 'i.team_id')
      .leftJoin('users as u', 'u.id', 'i.invitee_id')
      .leftJoin('users as b', 'b.id', 'i.invited_by')
      .select([
        'i.id',
        'i.team_id',
        't.name as team_name',
        'i.invitee_id',
        'u.username as invitee_username',
        'i.invitee_email',
        'i.invited_by',
        'b.username as invited_by_username',
        'i.role',
        'i.status',
        'i.created_at',
        'i.expires_at',
        'i.responded_at',
      ]);
  }

  findById(id: number): Promise<TeamInvitationView | undefined> {
    return this.view().where('i.id', '=', id).executeTakeFirst() as Promise<TeamInvitationView | undefined>;
  }

  /** Locks the invitation row for the enclosing transaction (accept/decline/revoke race). */
  async lock(id: number): Promise<void> {
    await this.db.selectFrom('team_invitations').select('id').where('id', '=', id).forUpdate().execute();
  }

  /** A team's invitations, newest first (pending ones and the last 200 answered). */
  listForTeam(teamId: number): Promise<TeamInvitationView[]> {
    return this.view().where('i.team_id', '=', teamId).orderBy('i.id', 'desc').limit(200).execute() as Promise<
      TeamInvitationView[]
    >;
  }

  /** The invitations a user received, newest first. */
  listForInvitee(userId: number, onlyPending: boolean): Promise<TeamInvitationView[]> {
    let q = this.view().where('i.invitee_id', '=', userId);
    if (onlyPending) q = q.where('i.status', '=', 'pending').where('i.expires_at', '>', sql<Date>`now()`);
    return q.orderBy('i.id', 'desc').limit(200).execute() as Promise<TeamInvitationView[]>;
  }

  /** A pending, unexpired invitation of this user to this team. */
  async pendingFor(teamId: number, inviteeId: number): Promise<{ id: number; expired: boolean } | undefined> {
    const r = await this.db
      .selectFrom('team_invitations')
      .select(['id', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('team_id', '=', teamId)
      .where('invitee_id', '=', inviteeId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return r;
  }

  /** A pending invitation of this team to this address that no user holds yet. */
  async pendingForEmail(teamId: number, email: string): Promise<{ id: number; expired: boolean } | undefined> {
    return this.db
      .selectFrom('team_invitations')
      .select(['id', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('team_id', '=', teamId)
      .where('invitee_id', 'is', null)
      .where(sql`lower(invitee_email)`, '=', email.toLowerCase())
      .where('status', '=', 'pending')
      .executeTakeFirst();
  }

  /** Unexpired pending invitations waiting for this address, locked for the enclosing transaction. */
  async waitingForEmail(email: string): Promise<{ id: number; team_id: number }[]> {
    return this.db
      .selectFrom('team_invitations')
      .select(['id', 'team_id'])
      .where('invitee_id', 'is', null)
      .where(sql`lower(invitee_email)`, '=', email.toLowerCase())
      .where('status', '=', 'pending')
      .where('expires_at', '>', sql<Date>`now()`)
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  /** Hands a waiting invitation to the user who verified its address. */
  async assignInvitee(id: number, userId: number): Promise<void> {
    await this.db
      .updateTable('team_invitations')
      .set({ invitee_id: userId })
      .where('id', '=', id)
      .where('invitee_id', 'is', null)
      .execute();
  }

  async setStatus(id: number, status: Exclude<TeamInvitationStatus, 'pending'>, at: Date): Promise<void> {
    await this.db.updateTable('team_invitations').set({ status, responded_at: at }).where('id', '=', id).execute();
  }
}
