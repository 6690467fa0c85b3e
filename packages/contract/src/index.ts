// @vigil/contract: the shapes that cross a boundary, declared once — routes' requests and responses,
// domain events, job payloads. Server, client, web and workers infer their types from here.
export * from './values.ts';
export * from './common/common.contract.ts';
export * from './jira/jira-link.contract.ts';
export * from './jira/jira.contract.ts';
export * from './jira/jira-webhook.contract.ts';
export * from './notification/notification.contract.ts';
export * from './notification/notification-channel.contract.ts';
export * from './finding/finding.contract.ts';
export * from './jobs/jobs.ts';
export * from './events/domain-events.contract.ts';
export type * from './events/realtime-events.contract.ts';
export * from './jira/jira-group-by.ts';
export * from './advisory/osv-values.ts';
export * from './advisory/osv.contract.ts';
export * from './advisory/advisory-api-values.ts';
export * from './advisory/advisory-api.contract.ts';
export * from './import/import.contract.ts';
export * from './import/dojo.contract.ts';
export * from './feed/feed.contract.ts';
export * from './minitwit/minitwit.contract.ts';
export * from './access/access.contract.ts';
export * from './product-type/product-type.contract.ts';
export * from './product/product.contract.ts';
export * from './membership/membership.contract.ts';
export * from './engagement/engagement.contract.ts';
export * from './test/test.contract.ts';
