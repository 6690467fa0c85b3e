/**
 * The topics the change-notification triggers send (`NOTIFY vigil_changes, '<topic>'`): what a
 * cached read depends on. The database emits them, so they are declared here, beside the schema.
 *
 * Migration 0014 created these triggers and keeps its own literal list: migrations are frozen, and
 * a migration may import a constant only if that constant can never change meaning. This list can
 * grow (a new topic comes with a new migration adding its triggers, and an entry here), so 0014
 * does not import it.
 */
export const CHANGE_TOPICS = ['findings', 'access', 'auth', 'feed'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
