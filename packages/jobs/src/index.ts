export * from './job-definition.ts';
export * from './registry.ts';
export * from './queue.ts';
export { maintenanceHandlers } from './maintenance/maintenance.handlers.ts';
