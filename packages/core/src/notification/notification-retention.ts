import type { UnitOfWork } from '@vigil/db';

/** Deletes notifications (with their alerts and deliveries) older than `days`, in chunks. */
export async function purgeOldNotifications(
  uow: UnitOfWork,
  days: number,
  now: Date = new Date(),
  chunk = 5000,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let total = 0;
  for (;;) {
    const n = await uow.repos.notifications.deleteOlderThan(cutoff, chunk);
    total += n;
    if (n < chunk) return total;
  }
}
