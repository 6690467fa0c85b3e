/** Query keys of notifications; a live `notification.created` push invalidates UNREAD_KEY and ALERTS_KEY. */
export const UNREAD_KEY = ['notifications', 'unread'] as const;
export const ALERTS_KEY = ['notifications', 'alerts'] as const;
export const SUBSCRIPTIONS_KEY = ['notifications', 'subscriptions'] as const;
export const TYPES_KEY = ['notifications', 'types'] as const;
export const CHANNELS_KEY = ['notifications', 'channels'] as const;
export const DEFAULTS_KEY = ['notifications', 'defaults'] as const;

/** How often the bell asks for the unread count when no live push arrives. */
export const UNREAD_POLL_MS = 30_000;

export const SEVERITY_OPTIONS = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
/** Types whose subscriptions take a minimum severity. */
export const SEVERITY_TYPES = new Set(['findings.new', 'sla.breached']);
