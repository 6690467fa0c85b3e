import { NOTIFICATION_TYPES, SEVERITIES, type NotificationType, type Severity } from '@vigil/contract/values';

// The catalogue of notification types is the contract's (packages/contract/src/notification/).
export {
  NOTIFICATION_TYPES,
  NOTIFICATION_TYPE_NAMES,
  SEVERITY_NOTIFICATION_TYPES,
  type NotificationType,
} from '@vigil/contract/values';

export { SEVERITIES } from '@vigil/contract/values';
export type NotificationSeverity = Severity;

/** Rank where Critical is highest (4) and Info lowest (0). */
export function severityRank(s: string | null | undefined): number {
  const i = SEVERITIES.indexOf((s ?? 'Info') as NotificationSeverity);
  return i < 0 ? 0 : SEVERITIES.length - 1 - i;
}

export function isNotificationType(t: string): t is NotificationType {
  return t in NOTIFICATION_TYPES;
}
