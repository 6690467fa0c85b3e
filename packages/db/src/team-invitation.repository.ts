import { sql, type Kysely } from 'kysely';
import type { Database, TeamInvitationStatus, TeamRole, UserRow } from './schema.ts';

/** An invitation with the names the UI shows. */
export interface TeamInvitationView {
  id: number;
  team_id: number;
  team_name: string;
  invitee_id: number;
  invitee_username: string;
  invited_by: number | null;
  invited_by_username: string | null;
  role: TeamRole;
  status: TeamInvitationStatus;
  created_at: Date;
  expires_at: Date;
  responded_at: Date | null;
}

export class TeamInvitationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The user an invitation names: an exact username or a case-insensitive email. */
  findInvitee(usernameOrEmail: string): Promise<UserRow | undefined> {
    const q = usernameOrEmail.trim();
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('is_active', '=', true)
      .where((eb) => (q.includes('@') ? eb(sql`lower(email)`, '=', q.toLowerCase()) : eb('username', '=', q)))
      .orderBy('id')
      .executeTakeFirst();
  }

  async insert(row: { teamId: number; inviteeId: number; invitedBy: number | null; role: TeamRole; expiresAt: Date }): Promise<number> {
    const r = await this.db
      .insertInto('team_invitations')
      .values({ team_id: row.teamId, invitee_id: row.inviteeId, invited_by: row.invitedBy, role: row.role, expires_at: row.expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  private view() {
    return this.db
      .selectFrom('team_invitations as i')
      .innerJoin('teams as t', 't.id', 'i.team_id')
      .innerJoin('users as u', 'u.id', 'i.invitee_id')
      .leftJoin('users as b', 'b.id', 'i.invited_by')
      .select([
        'i.id',
        'i.team_id',
        't.name as team_name',
        'i.invitee_id',
        'u.username as invitee_username',
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
    return this.view().where('i.team_id', '=', teamId).orderBy('i.id', 'desc').limit(200).execute() as Promise<TeamInvitationView[]>;
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

  async setStatus(id: number, status: Exclude<TeamInvitationStatus, 'pending'>, at: Date): Promise<void> {
    await this.db.updateTable('team_invitations').set({ status, responded_at: at }).where('id', '=', id).execute();
  }
}
