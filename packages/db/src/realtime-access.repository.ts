import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

/** A session or API token that still authenticates, with its user as the database has it now. */
export interface LiveCredential {
  kind: 'session' | 'token';
  /** The stored form: the session id or the token hash (SHA-256 of the secret). */
  key: string;
  userId: number;
  username: string;
  isAdmin: boolean;
  /** When it stops authenticating (a token without expiry: null). */
  expiresAt: Date | null;
}

const ints = (ids: readonly number[]) => sql`${pgArrayLiteral(ids.map(String))}::int4[]`;
const texts = (keys: readonly string[]) => sql`${pgArrayLiteral(keys)}::text[]`;

/**
 * Set-based access look-ups for the real-time server, which re-checks all its connections at once
 * when credentials or roles change (apps/server/src/realtime/access-guard.ts): one query per
 * question for a whole batch of sockets, never one per socket and room.
 */
export class RealtimeAccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Which of these sessions and tokens still authenticate: the same rules as
   * SessionRepository.findLive and ApiTokenRepository.findUsable (unexpired, not revoked, user
   * active and not a feed-only account).
   */
  async liveCredentials(sessionIds: readonly string[], tokenHashes: readonly string[]): Promise<LiveCredential[]> {
    if (!sessionIds.length && !tokenHashes.length) return [];
    const { rows } = await sql<{
      kind: 'session' | 'token';
      key: string;
      user_id: number;
      username: string;
      is_admin: boolean;
      expires_at: Date | null;
    }>`
      SELECT 'session' AS kind, s.id AS key, u.id AS user_id, u.username, u.is_admin, s.expires_at
        FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY(${texts(sessionIds)}) AND s.expires_at > now() AND u.is_active AND NOT u.feed_only
      UNION ALL
      SELECT 'token', t.token_hash, u.id, u.username, u.is_admin, t.expires_at
        FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ANY(${texts(tokenHashes)}) AND t.revoked_at IS NULL AND u.is_active AND NOT u.feed_only
         AND (t.expires_at IS NULL OR t.expires_at > now())`.execute(this.db);
    return rows.map((r) => ({
      kind: r.kind,
      key: r.key,
      userId: r.user_id,
      username: r.username,
      isAdmin: r.is_admin,
      expiresAt: r.expires_at ? new Date(r.expires_at) : null,
    }));
  }

  /** (user, team) for every team these users belong to. */
  async teamsOfUsers(userIds: readonly number[]): Promise<{ userId: number; teamId: number }[]> {
    if (!userIds.length) return [];
    const { rows } = await sql<{ user_id: number; team_id: number }>`
      SELECT user_id, team_id FROM team_members WHERE user_id = ANY(${ints(userIds)})`.execute(this.db);
    return rows.map((r) => ({ userId: r.user_id, teamId: r.team_id }));
  }

  /**
   * (user, product) for every product these users may read: any role, held directly or by a team
   * they belong to, on the product or on its product type — the rule of readableProductIds
   * (access.repository.ts), for many users in one query.
   */
  async readableProductsOfUsers(userIds: readonly number[]): Promise<{ userId: number; productId: number }[]> {
    if (!userIds.length) return [];
    const { rows } = await sql<{ user_id: number; product_id: number }>`
      WITH grants AS (
        SELECT m.user_id AS reader, m.product_id, m.product_type_id
          FROM memberships m WHERE m.user_id = ANY(${ints(userIds)})
        UNION ALL
        SELECT tm.user_id, m.product_id, m.product_type_id
          FROM team_members tm JOIN memberships m ON m.team_id = tm.team_id
         WHERE tm.user_id = ANY(${ints(userIds)})
      )
      SELECT g.reader AS user_id, p.id AS product_id FROM grants g JOIN products p ON p.id = g.product_id
      UNION
      SELECT g.reader, p.id FROM grants g JOIN products p ON p.product_type_id = g.product_type_id`.execute(this.db);
    return rows.map((r) => ({ userId: r.user_id, productId: r.product_id }));
  }

  /** Every product (what an administrator reads). */
  async allProductIds(): Promise<number[]> {
    const rows = await this.db.selectFrom('products').select('id').execute();
    return rows.map((r) => r.id);
  }

  /** The product of each of these findings that still exists. */
  async productsOfFindings(findingIds: readonly number[]): Promise<Map<number, number>> {
    if (!findingIds.length) return new Map();
    const { rows } = await sql<{ id: number; product_id: number }>`
      SELECT id, product_id FROM findings WHERE id = ANY(${ints(findingIds)})`.execute(this.db);
    return new Map(rows.map((r) => [r.id, r.product_id]));
  }
}
