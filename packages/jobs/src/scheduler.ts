import type PgBoss from 'pg-boss';
import type { JobDefinition } from './job-definition.ts';

/**
 * Cron per job name; `off` disables a definition's schedule:
 * VIGIL_SCHEDULES="sla.compute=0 4 * * *;maintenance.login-attempts=off".
 */
export type ScheduleOverrides = Record<string, string>;

/** The effective schedule: each definition's cron, replaced or switched off by the overrides. */
export function effectiveSchedules(
  defs: JobDefinition[],
  overrides: ScheduleOverrides = {},
): Array<{ name: string; cron: string }> {
  const unknown = Object.keys(overrides).filter((n) => !defs.some((d) => d.name === n));
  if (unknown.length) throw new Error(`VIGIL_SCHEDULES names unknown job(s): ${unknown.join(', ')}`);
  return defs.flatMap((d) => {
    const cron = overrides[d.name] ?? d.cron;
    return cron && cron !== 'off' ? [{ name: d.name, cron }] : [];
  });
}

/**
 * Registers every cron with pg-boss. Each scheduler process checks the schedules; pg-boss lets one
 * process per check interval do it and inserts each occurrence through a singleton job per
 * (name, minute), so an occurrence fires once however many schedulers run. Resolution: one minute.
 */
export async function startScheduler(
  boss: PgBoss,
  defs: JobDefinition[],
  overrides: ScheduleOverrides = {},
): Promise<Array<{ name: string; cron: string }>> {
  const schedules = effectiveSchedules(defs, overrides);
  const active = new Set(schedules.map((s) => s.name));
  for (const s of schedules) await boss.schedule(s.name, s.cron, {}, { tz: 'UTC' });
  for (const existing of await boss.getSchedules())
    if (!active.has(existing.name)) await boss.unschedule(existing.name);
  return schedules;
}
