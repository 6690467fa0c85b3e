// The engagement's value lists, without zod: the web app imports them at run time (through
// @vigil/contract/values); engagement.contract.ts builds its schemas from them.

export const ENGAGEMENT_STATUSES = [
  'Not Started',
  'In Progress',
  'On Hold',
  'Blocked',
  'Waiting for Resource',
  'Completed',
  'Cancelled',
] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export const ENGAGEMENT_TYPES = ['Interactive', 'CI/CD'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];
export const ENGAGEMENT_SORTS = ['name', '-name', 'id', '-id', 'target_start', '-target_start'] as const;

/** What a caller may do to an engagement (core/src/access/abilities.ts says which role each needs). */
export const ENGAGEMENT_ABILITIES = ['read', 'update', 'delete', 'add_test', 'import'] as const;
export type EngagementAbility = (typeof ENGAGEMENT_ABILITIES)[number];
