// The import's value lists, without zod: the web app imports them at run time (through
// @vigil/contract/values); the schemas in import.contract.ts and dojo.contract.ts are built from them.

export const IMPORT_MODES = ['import', 'reimport'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** What an import did to each finding it touched. */
export const IMPORT_ACTIONS = ['created', 'reactivated', 'closed', 'untouched'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** The rows of an import's statistics: its actions, and `duplicates` (created findings marked duplicate). */
export const IMPORT_STATISTIC_ROWS = [...IMPORT_ACTIONS, 'duplicates'] as const;
export type ImportStatisticRow = (typeof IMPORT_STATISTIC_ROWS)[number];

/** The life of an asynchronous import request (POST /api/v1/import?async=true). */
export const IMPORT_REQUEST_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportRequestState = (typeof IMPORT_REQUEST_STATES)[number];
