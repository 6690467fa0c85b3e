import type { SlaConfiguration } from '@vigil/contract';
import type { SlaConfigurationRow } from '@vigil/db';

export function presentSlaConfiguration(r: SlaConfigurationRow): SlaConfiguration {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    criticalDays: r.critical_days,
    highDays: r.high_days,
    mediumDays: r.medium_days,
    lowDays: r.low_days,
  };
}
