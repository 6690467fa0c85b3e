export * from './advisory.policy.ts';
export * from './advisory.presenter.ts';
export * from './advisory.service.ts';
export * from './package-url-key.ts';
export * from './vulndb-sync-run.service.ts';
