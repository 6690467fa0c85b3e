// The test's value lists, without zod (web app: @vigil/contract/values).

/** What a caller may do to a test (core/src/access/abilities.ts says which role each needs). */
export const TEST_ABILITIES = ['read', 'update', 'delete', 'add_finding', 'import'] as const;
export type TestAbility = (typeof TEST_ABILITIES)[number];
export const TEST_SORTS = ['id', '-id'] as const;
