import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface EngagementReminder {
  id: number;
  name: string;
  product_id: number;
  target_start: string;
  target_end: string;
  status: string;
}

export interface SlaBreachDigest {
  product_id: number;
  /** Newly breached findings by severity. */
  by_severity: Record<string, number>;
  count: number;
  /** The first 100 ids, oldest expiry first. */
  finding_ids: number[];
}

export interface RiskAcceptanceReminder {
  id: number;
  name: string;
  product_id: number;
  owner_id: number;
  expiration_date: string;
}

export interface ExpiredRiskAcceptance extends RiskAcceptanceReminder {
  reactivate_expired: boolean;
  finding_ids: number[];
}

const OPEN_ENGAGEMENT = sql`e.status NOT IN ('Completed', 'Cancelled')`;

/**
 * The scheduled reminders' queries. Each `claim…` method records what it returns in
 * reminders_sent in the same statement, so a reminder is returned once per occurrence however
 * often the job runs; callers publish the events in the same transaction.
 */
export class ReminderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open engagements starting within `days` days of `today`, once per (engagement, start date). */
  async claimUpcomingEngagements(today: string, days: number): Promise<EngagementReminder[]> {
    const r = await sql<EngagementReminder>`
      WITH due AS (
        SELECT e.id, e.target_start FROM engagements e
        WHERE ${OPEN_ENGAGEMENT} AND e.target_start >= ${today}::date
          AND e.target_start <= ${today}::date + ${days}::int
      ), claimed AS (
        INSERT INTO reminders_sent (kind, subject_id, occurrence) SELECT 'engagement.upcoming', id, target_start
          FROM due
        ON CONFLICT DO NOTHING RETURNING subject_id
      )
      SELECT e.id, e.name, e.product_id, e.target_start::text, e.target_end::text, e.status
      FROM engagements e JOIN claimed c ON c.subject_id = e.id ORDER BY e.target_start, e.id`.execute(this.db);
    return r.rows;
  }

  /** Engagements past their end date and still open, once per (engagement, end date). */
  async claimStaleEngagements(today: string): Promise<EngagementReminder[]> {
    const r = await sql<EngagementReminder>`
      WITH claimed AS (
        INSERT INTO reminders_sent (kind, subject_id, occurrence)
        SELECT 'engagement.stale', e.id, e.target_end FROM engagements e WHERE ${OPEN_ENGAGEMENT}
          AND e.target_end < ${today}::date
        ON CONFLICT DO NOTHING RETURNING subject_id
      )
      SELECT e.id, e.name, e.product_id, e.target_start::text, e.target_end::text, e.status
      FROM engagements e JOIN claimed c ON c.subject_id = e.id ORDER BY e.target_end, e.id`.execute(this.db);
    return r.rows;
  }

  /**
   * Active, non-duplicate findings whose SLA expired before `today`, once per (finding, expiry date),
   * combined into one digest per product.
   */
  async claimSlaBreaches(today: string): Promise<SlaBreachDigest[]> {
    const r = await sql<SlaBreachDigest>`
      WITH claimed AS (
        INSERT INTO reminders_sent (kind, subject_id, occurrence)
        SELECT 'sla.breached', f.id, f.sla_expiration_date FROM findings f
        WHERE f.active AND NOT f.duplicate AND f.sla_expiration_date IS NOT NULL
          AND f.sla_expiration_date < ${today}::date
        ON CONFLICT DO NOTHING RETURNING subject_id
      ), breached AS (
        SELECT f.id, f.product_id, f.severity, f.sla_expiration_date FROM findings f JOIN claimed c
          ON c.subject_id = f.id
      ), per_severity AS (
        SELECT product_id, severity, count(*)::int AS n FROM breached GROUP BY product_id, severity
      )
      SELECT b.product_id, count(*)::int AS count,
             (SELECT jsonb_object_agg(s.severity, s.n) FROM per_severity s
               WHERE s.product_id = b.product_id) AS by_severity,
             (array_agg(b.id ORDER BY b.sla_expiration_date, b.id))[1:100] AS finding_ids
      FROM breached b GROUP BY b.product_id ORDER BY b.product_id`.execute(this.db);
    return r.rows.map((row) => ({ ...row, finding_ids: row.finding_ids.map(Number) }));
  }

  /** Unexpired acceptances expiring within `days` days, once per (acceptance, expiration date). */
  async claimExpiringRiskAcceptances(today: string, days: number): Promise<RiskAcceptanceReminder[]> {
    const r = await sql<RiskAcceptanceReminder>`
      WITH claimed AS (
        INSERT INTO reminders_sent (kind, subject_id, occurrence)
        SELECT 'risk_acceptance.expiring', ra.id, ra.expiration_date::date FROM risk_acceptances ra
        WHERE ra.expired_at IS NULL AND ra.expiration_date IS NOT NULL
          AND ra.expiration_date::date >= ${today}::date AND ra.expiration_date::date <= ${today}::date + ${days}::int
        ON CONFLICT DO NOTHING RETURNING subject_id
      )
      SELECT ra.id, ra.name, ra.product_id, ra.owner_id, ra.expiration_date::text
      FROM risk_acceptances ra JOIN claimed c ON c.subject_id = ra.id ORDER BY ra.id`.execute(this.db);
    return r.rows;
  }

  /**
   * Marks acceptances whose expiration date passed as expired and, where `reactivate_expired`,
   * reactivates their findings that are still risk-accepted and not closed otherwise. The
   * `expired_at IS NULL` condition makes a second run a no-op.
   */
  async expireRiskAcceptances(today: string, now: Date): Promise<ExpiredRiskAcceptance[]> {
    const r = await sql<ExpiredRiskAcceptance>`
      WITH expired AS (
        UPDATE risk_acceptances SET expired_at = ${now}, updated_at = ${now}
        WHERE expired_at IS NULL AND expiration_date IS NOT NULL AND expiration_date::date < ${today}::date
        RETURNING id, name, product_id, owner_id, expiration_date::text AS expiration_date, reactivate_expired
      ), members AS (
        SELECT x.id AS risk_acceptance_id, raf.finding_id, x.reactivate_expired FROM expired x
          JOIN risk_acceptance_findings raf ON raf.risk_acceptance_id = x.id
      ), reactivated AS (
        UPDATE findings f SET risk_accepted = false, active = NOT (f.is_mitigated OR f.false_p
          OR f.out_of_scope), last_status_update = ${now}
        FROM members m WHERE m.finding_id = f.id AND m.reactivate_expired AND f.risk_accepted
        RETURNING f.id, m.risk_acceptance_id
      )
      SELECT x.*, COALESCE((SELECT array_agg(r.id ORDER BY r.id) FROM reactivated r
        WHERE r.risk_acceptance_id = x.id), '{}') AS finding_ids
      FROM expired x ORDER BY x.id`.execute(this.db);
    return r.rows.map((row) => ({ ...row, finding_ids: row.finding_ids.map(Number) }));
  }

  /** Forgets announcements older than the cutoff (their occurrences are long past). */
  async deleteSentBefore(cutoff: Date): Promise<number> {
    const r = await this.db.deleteFrom('reminders_sent').where('sent_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
