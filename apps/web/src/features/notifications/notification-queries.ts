import { SEVERITY_NOTIFICATION_TYPES } from '@vigil/client';

// The notification query keys live in app/query-keys.ts (queryKeys.notifications).

/** How often the bell asks for the unread count when no live push arrives. */
export const UNREAD_POLL_MS = 30_000;

/** Types whose subscriptions take a minimum severity (the contract's list, as a set of names). */
export const SEVERITY_TYPES: ReadonlySet<string> = new Set(SEVERITY_NOTIFICATION_TYPES);
