// @vigil/contract/values: the contract's value lists and limits without zod, for code that needs
// them at run time but must not bundle zod (the web app).
export * from './finding/finding-values.ts';
export * from './notification/channel-kinds.ts';
export * from './notification/notification-values.ts';
export * from './jobs/job-states.ts';
export * from './chat/chat-values.ts';
export * from './import/import-values.ts';
export * from './feed/feed-values.ts';
export * from './advisory/advisory-api-values.ts';
export * from './access/roles-values.ts';
export * from './product/product-values.ts';
export * from './product-type/product-type-values.ts';
export * from './engagement/engagement-values.ts';
export * from './test/test-values.ts';
export * from './team/team-values.ts';
export * from './deduplication/deduplication-values.ts';
export * from './risk-acceptance/risk-acceptance-values.ts';
export * from './sbom/sbom-values.ts';
