import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, Severity } from './schema.ts';
import { readableProductIds } from './access.repository.ts';

export interface TrendDay {
  day: string;
  opened: number;
  closed: number;
  open: number;
}

export interface RemediationTime {
  severity: Severity;
  mitigated: number;
  mean_days: number;
}

export interface SlaSummary {
  breached: number;
  breaching_soon: number;
}

export interface SlaFinding {
  id: number;
  title: string;
  severity: Severity;
  product_id: number;
  sla_expiration_date: string;
}

export interface RecentImport {
  id: number;
  kind: 'import' | 'reimport';
  scan_type: string;
  created_at: Date;
  test_id: number;
  product_id: number;
  product_name: string;
  stats: unknown;
}

/**
 * The dashboard's aggregates, each one set-based query over the products a user may read
 * (`readableBy` undefined = everything, for administrators).
 *
 * A finding counts as open from its creation until it stops being active: its mitigation time
 * when mitigated, otherwise its last status change (risk accepted, false positive, out of scope).
 * Duplicates never count. The trend is the open count before the window plus a running sum of
 * what opened and closed each day, so it costs two grouped scans, not one scan per day.
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private scope(readableBy: number | undefined, productColumn = 'f.product_id'): RawBuilder<unknown> {
    return readableBy === undefined ? sql`true` : sql`${sql.ref(productColumn)} IN (${readableProductIds(this.db, readableBy)})`;
  }

  async openTrend(readableBy: number | undefined, from: string, to: string): Promise<TrendDay[]> {
    const r = await sql<TrendDay>`
      WITH f AS (
        SELECT f.created_at::date AS opened,
               CASE WHEN f.active THEN NULL
                    ELSE greatest(coalesce(f.mitigated_at, f.last_status_update)::date, f.created_at::date) END AS closed
        FROM findings f
        WHERE NOT f.duplicate AND ${this.scope(readableBy)}
      ),
      base AS (SELECT count(*) AS n FROM f WHERE opened < ${from}::date AND (closed IS NULL OR closed >= ${from}::date)),
      o AS (SELECT opened AS day, count(*) AS n FROM f WHERE opened BETWEEN ${from}::date AND ${to}::date GROUP BY 1),
      c AS (SELECT closed AS day, count(*) AS n FROM f WHERE closed BETWEEN ${from}::date AND ${to}::date GROUP BY 1)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
             coalesce(o.n, 0)::int AS opened,
             coalesce(c.n, 0)::int AS closed,
             (base.n + sum(coalesce(o.n, 0) - coalesce(c.n, 0)) OVER (ORDER BY d.day))::int AS open
      FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
      CROSS JOIN base
      LEFT JOIN o ON o.day = d.day
      LEFT JOIN c ON c.day = d.day
      ORDER BY d.day`.execute(this.db);
    return r.rows;
  }

  /** Mean days from discovery (the finding's date) to mitigation, for findings mitigated since `since`. */
  async remediationTimes(readableBy: number | undefined, since: Date): Promise<RemediationTime[]> {
    const r = await sql<RemediationTime>`
      SELECT f.severity, count(*)::int AS mitigated,
             round(avg(greatest(f.mitigated_at::date - f.date, 0))::numeric, 1) AS mean_days
      FROM findings f
      WHERE f.is_mitigated AND NOT f.duplicate AND f.mitigated_at >= ${since} AND ${this.scope(readableBy)}
      GROUP BY f.severity
      ORDER BY min(f.numerical_severity)`.execute(this.db);
    return r.rows;
  }

  async slaSummary(readableBy: number | undefined, today: string, soonUntil: string): Promise<SlaSummary> {
    const r = await sql<SlaSummary>`
      SELECT count(*) FILTER (WHERE f.sla_expiration_date < ${today}::date)::int AS breached,
             count(*) FILTER (WHERE f.sla_expiration_date BETWEEN ${today}::date AND ${soonUntil}::date)::int AS breaching_soon
      FROM findings f
      WHERE f.active AND NOT f.duplicate AND f.sla_expiration_date <= ${soonUntil}::date AND ${this.scope(readableBy)}`.execute(this.db);
    return r.rows[0];
  }

  /** Active findings whose SLA ends between today and soonUntil, soonest first. */
  async breachingSoon(readableBy: number | undefined, today: string, soonUntil: string, limit: number): Promise<SlaFinding[]> {
    const r = await sql<SlaFinding>`
      SELECT f.id, f.title, f.severity, f.product_id, to_char(f.sla_expiration_date, 'YYYY-MM-DD') AS sla_expiration_date
      FROM findings f
      WHERE f.active AND NOT f.duplicate AND f.sla_expiration_date BETWEEN ${today}::date AND ${soonUntil}::date AND ${this.scope(readableBy)}
      ORDER BY f.sla_expiration_date, f.numerical_severity, f.id
      LIMIT ${limit}`.execute(this.db);
    return r.rows;
  }

  async recentImports(readableBy: number | undefined, limit: number): Promise<RecentImport[]> {
    const r = await sql<RecentImport>`
      SELECT ti.id, ti.kind, ti.scan_type, ti.created_at, ti.test_id, p.id AS product_id, p.name AS product_name, ti.stats
      FROM test_imports ti
      JOIN tests t ON t.id = ti.test_id
      JOIN engagements e ON e.id = t.engagement_id
      JOIN products p ON p.id = e.product_id
      WHERE ${this.scope(readableBy, 'p.id')}
      ORDER BY ti.id DESC
      LIMIT ${limit}`.execute(this.db);
    return r.rows;
  }
}
