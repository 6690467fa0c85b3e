/**
 * Every TanStack Query key of the app, in one place, so a read and the invalidation after a write
 * cannot drift apart. Keys are hierarchical: invalidating `queryKeys.findings.all` refreshes every
 * key that starts with it (the list, each finding, its notes and history). Components never spell a
 * key literal; they call these.
 */
export const queryKeys = {
  auth: {
    me: ['auth', 'me'] as const,
    tokens: ['auth', 'tokens'] as const,
  },
  findings: {
    all: ['findings'] as const,
    lists: ['findings', 'list'] as const,
    list: (query: object) => ['findings', 'list', query] as const,
    detail: (id: number) => ['findings', id] as const,
    history: (id: number) => ['findings', id, 'history'] as const,
    notes: (id: number) => ['findings', id, 'notes'] as const,
  },
  dashboard: {
    all: ['dashboard'] as const,
    products: ['dashboard', 'products'] as const,
    overview: ['dashboard', 'overview'] as const,
  },
  products: {
    all: ['products'] as const,
    list: (filters: object) => ['products', filters] as const,
    detail: (id: number | undefined) => ['products', id] as const,
    members: (id: number) => ['products', id, 'members'] as const,
    /** Every product, for a select. */
    options: ['products', 'options'] as const,
    forNotifications: ['products', 'for-notifications'] as const,
  },
  productTypes: {
    all: ['product-types'] as const,
    list: (filters: object) => ['product-types', filters] as const,
    options: ['product-types', 'all'] as const,
  },
  engagements: {
    all: ['engagements'] as const,
    list: (filters: object) => ['engagements', filters] as const,
    detail: (id: number) => ['engagements', id] as const,
    options: ['engagements', 'options'] as const,
  },
  tests: {
    all: ['tests'] as const,
    list: (filters: { engagementId?: number; productId?: number }) => ['tests', filters] as const,
  },
  users: {
    all: ['users'] as const,
    list: (filters: object) => ['users', filters] as const,
  },
  auditLog: {
    list: (filters: object) => ['audit-log', filters] as const,
  },
  slaConfigurations: {
    all: ['sla-configurations'] as const,
  },
  admin: {
    system: ['admin', 'system'] as const,
    rehashRuns: ['admin', 'rehash-runs'] as const,
    jobs: ['admin', 'jobs'] as const,
  },
  teams: {
    all: ['teams'] as const,
    detail: (id: number) => ['teams', id] as const,
    members: (id: number) => ['teams', id, 'members'] as const,
    invitations: (id: number) => ['teams', id, 'invitations'] as const,
  },
  teamInvitations: {
    mine: ['team-invitations', 'mine'] as const,
  },
  jira: {
    instances: ['jira-instances'] as const,
    productConfig: (productId: number) => ['product-jira', productId] as const,
  },
  chat: {
    channel: (channel: string) => ['chat', channel] as const,
  },
  /** A live `notification.created` push invalidates `notifications.all` (the unread count and the alerts). */
  notifications: {
    all: ['notifications'] as const,
    unread: ['notifications', 'unread'] as const,
    alerts: ['notifications', 'alerts'] as const,
    alertList: (filter: unknown) => ['notifications', 'alerts', filter] as const,
    subscriptions: ['notifications', 'subscriptions'] as const,
    subscriptionsOf: (teamId: number | undefined) => ['notifications', 'subscriptions', teamId ?? 'me'] as const,
    types: ['notifications', 'types'] as const,
    channels: ['notifications', 'channels'] as const,
    channel: (id: number) => ['notifications', 'channels', id] as const,
    defaults: ['notifications', 'defaults'] as const,
  },
  sbom: {
    components: (engagementId: number) => ['sbom', 'components', engagementId] as const,
  },
  advisories: {
    all: ['advisories'] as const,
    list: (query: object) => ['advisories', 'list', query] as const,
    detail: (idOrAlias: string) => ['advisories', idOrAlias] as const,
    syncRuns: ['vulndb', 'sync-runs'] as const,
  },
  imports: {
    request: (requestId: number | null) => ['import-requests', requestId] as const,
    scanTypes: ['scan-types'] as const,
  },
};
