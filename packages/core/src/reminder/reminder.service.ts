import type { UnitOfWork } from '@vigil/db';
import { MAX_EVENT_IDS } from '@vigil/contract';
import { publish, topic } from '../events/domain-events.ts';
import { todayUtc } from '../sla/sla.ts';

export interface ReminderSettings {
  /** Engagements starting within this many days are announced (default 3). */
  upcomingEngagementDays: number;
  /** Risk acceptances expiring within this many days are announced (default 3). */
  expiringAcceptanceDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { upcomingEngagementDays: 3, expiringAcceptanceDays: 3 };

/**
 * The scheduled reminders. Each run claims what is due (reminders_sent records it) and publishes
 * the domain events in the same transaction, so a run that is repeated announces nothing twice.
 * The notification dispatcher turns the events into notifications.
 */
export class ReminderService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
    private readonly settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
  ) {}

  async upcomingEngagements(): Promise<number> {
    const today = todayUtc(this.clock());
    return this.uow.transaction(async (repos) => {
      const due = await repos.reminders.claimUpcomingEngagements(today, this.settings.upcomingEngagementDays);
      await publish(
        repos,
        due.map((e) => ({
          type: 'engagement.upcoming',
          topics: [topic.product(e.product_id)],
          payload: {
            engagementId: e.id,
            name: e.name,
            productId: e.product_id,
            targetStart: e.target_start,
            targetEnd: e.target_end,
          },
        })),
      );
      return due.length;
    });
  }

  async staleEngagements(): Promise<number> {
    const today = todayUtc(this.clock());
    return this.uow.transaction(async (repos) => {
      const stale = await repos.reminders.claimStaleEngagements(today);
      await publish(
        repos,
        stale.map((e) => ({
          type: 'engagement.stale',
          topics: [topic.product(e.product_id)],
          payload: {
            engagementId: e.id,
            name: e.name,
            productId: e.product_id,
            targetEnd: e.target_end,
            status: e.status,
          },
        })),
      );
      return stale.length;
    });
  }

  /** Newly breached SLAs: one digest event per product. */
  async slaBreaches(): Promise<number> {
    const today = todayUtc(this.clock());
    return this.uow.transaction(async (repos) => {
      const digests = await repos.reminders.claimSlaBreaches(today);
      await publish(
        repos,
        digests.map((d) => ({
          type: 'sla.breached',
          topics: [topic.product(d.product_id)],
          payload: {
            productId: d.product_id,
            count: d.count,
            bySeverity: d.by_severity,
            findingIds: d.finding_ids,
            on: today,
          },
        })),
      );
      return digests.reduce((n, d) => n + d.count, 0);
    });
  }

  /** Announces acceptances about to expire, then expires the ones past their date (reactivating their findings). */
  async riskAcceptances(): Promise<{ expiring: number; expired: number }> {
    const now = this.clock();
    const today = todayUtc(now);
    return this.uow.transaction(async (repos) => {
      const expiring = await repos.reminders.claimExpiringRiskAcceptances(today, this.settings.expiringAcceptanceDays);
      const expired = await repos.reminders.expireRiskAcceptances(today, now);
      await publish(repos, [
        ...expiring.map((ra) => ({
          type: 'risk_acceptance.expiring' as const,
          topics: [topic.product(ra.product_id), topic.user(ra.owner_id)],
          payload: {
            riskAcceptanceId: ra.id,
            name: ra.name,
            productId: ra.product_id,
            ownerId: ra.owner_id,
            expirationDate: ra.expiration_date,
          },
        })),
        ...expired.map((ra) => ({
          type: 'risk_acceptance.expired' as const,
          topics: [topic.product(ra.product_id), topic.user(ra.owner_id)],
          payload: {
            riskAcceptanceId: ra.id,
            name: ra.name,
            productId: ra.product_id,
            ownerId: ra.owner_id,
            expirationDate: ra.expiration_date,
            reactivatedFindingIds: ra.finding_ids.slice(0, MAX_EVENT_IDS),
          },
        })),
      ]);
      return { expiring: expiring.length, expired: expired.length };
    });
  }
}
