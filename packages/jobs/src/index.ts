export * from './job-definition.ts';
export * from './registry.ts';
export * from './queue.ts';
export { maintenanceHandlers } from './maintenance/maintenance.handlers.ts';
export { jiraHandlers } from './jira/jira.handlers.ts';
