import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * What only global administrators may do, declared once per concept: each action with the words
 * its refusal says ("Only administrators may …"). These concepts belong to no product, so the role
 * table (abilities.ts) has no row for them: the one role that counts is administrator.
 */
const ADMIN_ACTIONS = {
  audit_log: { read: 'read the audit log' },
  finding_template: {
    create: 'change finding templates',
    update: 'change finding templates',
    delete: 'change finding templates',
  },
  job: { read: 'see and retry background jobs', retry: 'see and retry background jobs' },
  jira_instance: {
    read: 'manage Jira instances',
    create: 'manage Jira instances',
    update: 'manage Jira instances',
    rotate_webhook_secret: 'manage Jira instances',
    test_connection: 'manage Jira instances',
    delete: 'manage Jira instances',
  },
  notification_channel: {
    read: 'manage shared notification channels',
    create: 'manage shared notification channels',
    update: 'manage shared notification channels',
    delete: 'manage shared notification channels',
    test: 'manage shared notification channels',
  },
  notification_default: {
    read: 'manage default notification subscriptions',
    save: 'manage default notification subscriptions',
    delete: 'manage default notification subscriptions',
  },
  product_type: { create: 'create product types' },
  rehash_run: { request: 're-hash findings', read: 'read re-hash runs' },
  sla_configuration: {
    create: 'change SLA configurations',
    update: 'change SLA configurations',
    delete: 'change SLA configurations',
  },
  system_settings: { read: 'read the system settings' },
  user: {
    list: 'manage users',
    create: 'manage users',
    promote: 'manage users',
    delete: 'manage users',
    change_rights: 'change usernames, admin rights or activation',
    verify_email: 'mark an email address verified; open the link sent to it instead',
  },
} as const satisfies Record<string, Record<string, string>>;

/** A concept only administrators manage (`'jira_instance'`, …). */
export type AdminConcept = keyof typeof ADMIN_ACTIONS;
/** The actions declared for an administrators' concept: `AdminAction<'job'>` is `'read' | 'retry'`. */
export type AdminAction<C extends AdminConcept> = keyof (typeof ADMIN_ACTIONS)[C] & string;

/**
 * The policy of the administrators' concepts, in the shape of the others (access/policy.ts):
 * `can(actor, action, concept)` answers yes or no, `authorize` throws FORBIDDEN with the action's
 * sentence. The subject is the concept: whoever may act on one instance may act on all of them.
 */
export const adminPolicy = {
  can<C extends AdminConcept>(actor: Actor, action: AdminAction<C>, subject: C): boolean {
    return actor.isAdmin && Object.hasOwn(ADMIN_ACTIONS[subject], action);
  },

  authorize<C extends AdminConcept>(actor: Actor, action: AdminAction<C>, subject: C): void {
    if (adminPolicy.can(actor, action, subject)) return;
    const actions: Readonly<Record<string, string>> = ADMIN_ACTIONS[subject];
    throw new AppError('FORBIDDEN', `Only administrators may ${actions[action]}`);
  },
};
