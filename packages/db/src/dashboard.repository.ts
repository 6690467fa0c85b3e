import { sql, type Kysely, type RawBuilder } from 'kysely';
import { SEVERITIES, type Severity } from '@vigil/contract/values';
import type { Database } from './schema.ts';
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
 * The dashboard's aggregates over the products a user may read (`readableBy` undefined =
 * everything, for administrators).
 *
 * A finding counts as open from its creation until it stops being active: its mitigation time
 * when mitigated, otherwise its last status change (risk accepted, false positive, out of scope).
 * Duplicates never count. Days are UTC days. The figures come from the summary tables that
 * triggers keep exact in every writing transaction (migration 0011), so they cost a few thousand
 * summary rows, not a scan of the findings; each key may hold several rows, hence the sums.
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private scope(readableBy: number | undefined, productColumn = 'f.product_id'): RawBuilder<unknown> {
    return readableBy === undefined
      ? sql`true`
      : sql`${sql.ref(productColumn)} IN (${readableProductIds(this.db, readableBy)})`;
  }

  /**
   * Opened and closed per day from `from` to `to`, and the open count at the end of each day: what
   * is open now minus what changed from `from` on (days after `to` included), then a running sum.
   */
  async openTrend(readableBy: number | undefined, from: string, to: string): Promise<TrendDay[]> {
    const r = await sql<TrendDay>`
      WITH changes AS (
        SELECT c.day, sum(c.opened) AS opened, sum(c.closed) AS closed
        FROM finding_daily_counts c
        WHERE c.day >= ${from}::date AND ${this.scope(readableBy, 'c.product_id')}
        GROUP BY c.day
      ),
      base AS (
        SELECT (SELECT coalesce(sum(o.n), 0) FROM finding_open_counts o WHERE ${this.scope(readableBy, 'o.product_id')})
             - (SELECT coalesce(sum(opened - closed), 0) FROM changes) AS n
      )
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
             coalesce(ch.opened, 0)::int AS opened,
             coalesce(ch.closed, 0)::int AS closed,
             (base.n + sum(coalesce(ch.opened, 0) - coalesce(ch.closed, 0)) OVER (ORDER BY d.day))::int AS open
      FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
      CROSS JOIN base
      LEFT JOIN changes ch ON ch.day = d.day
      ORDER BY d.day`.execute(this.db);
    return r.rows;
  }

  /**
   * Mean days from discovery (the finding's date) to mitigation, for findings mitigated on or after the day `since`.
   */
  async remediationTimes(readableBy: number | undefined, since: string): Promise<RemediationTime[]> {
    const r = await sql<{ numerical_severity: number; mitigated: number; mean_days: number }>`
      SELECT c.numerical_severity, sum(c.mitigated)::int AS mitigated,
             round(sum(c.remediation_days)::numeric / sum(c.mitigated), 1) AS mean_days
      FROM finding_daily_counts c
      WHERE c.day >= ${since}::date AND ${this.scope(readableBy, 'c.product_id')}
      GROUP BY c.numerical_severity
      HAVING sum(c.mitigated) > 0
      ORDER BY c.numerical_severity`.execute(this.db);
    return r.rows.map((x) => ({
      severity: SEVERITIES[x.numerical_severity],
      mitigated: x.mitigated,
      mean_days: x.mean_days,
    }));
  }

  async slaSummary(readableBy: number | undefined, today: string, soonUntil: string): Promise<SlaSummary> {
    const r = await sql<SlaSummary>`
      SELECT coalesce(sum(c.n) FILTER (WHERE c.sla_expiration_date < ${today}::date), 0)::int AS breached,
             coalesce(sum(c.n) FILTER (WHERE c.sla_expiration_date BETWEEN ${today}::date
               AND ${soonUntil}::date), 0)::int AS breaching_soon
      FROM finding_sla_counts c
      WHERE c.sla_expiration_date <= ${soonUntil}::date AND ${this.scope(readableBy, 'c.product_id')}`.execute(this.db);
    return r.rows[0];
  }

  /** Active findings whose SLA ends between today and soonUntil, soonest first. */
  async breachingSoon(
    readableBy: number | undefined,
    today: string,
    soonUntil: string,
    limit: number,
  ): Promise<SlaFinding[]> {
    const r = await sql<SlaFinding>`
      SELECT f.id, f.title, f.severity, f.product_id, to_char(f.sla_expiration_date,
        'YYYY-MM-DD') AS sla_expiration_date
      FROM findings f
      WHERE f.active AND NOT f.duplicate AND f.sla_expiration_date BETWEEN ${today}::date AND ${soonUntil}::date
        AND ${this.scope(readableBy)}
      ORDER BY f.sla_expiration_date, f.numerical_severity, f.id
      LIMIT ${limit}`.execute(this.db);
    return r.rows;
  }

  async recentImports(readableBy: number | undefined, limit: number): Promise<RecentImport[]> {
    const r = await sql<RecentImport>`
      SELECT ti.id, ti.kind, ti.scan_type, ti.created_at, ti.test_id, p.id AS product_id, p.name AS product_name,
        ti.stats
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
