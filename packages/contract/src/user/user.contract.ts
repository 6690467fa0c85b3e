import { z } from 'zod';
import { ZPageQuery, zId, zInstant, zPage, zQueryBool } from '../common/common.contract.ts';

// The user routes' contract (/api/v1/users…). Never a password hash in an answer.

export const ZCreateUserRequest = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.@+-]{1,150}$/, 'letters, digits and _.@+- only, at most 150'),
  email: z.union([z.email(), z.literal('')]).optional(),
  firstName: z.string().max(150).optional(),
  lastName: z.string().max(150).optional(),
  password: z.string().max(256).optional(),
  isAdmin: z.boolean().optional(),
  isActive: z.boolean().optional(),
  emailVerified: z
    .boolean()
    .optional()
    .describe('administrators only: vouch for (true) or withdraw (false) the verification of the address'),
});
export type CreateUserRequest = z.input<typeof ZCreateUserRequest>;
export type CreateUserInput = z.output<typeof ZCreateUserRequest>;
export const ZUpdateUserRequest = ZCreateUserRequest.partial().extend({
  currentPassword: z.string().max(1024).optional().describe('required when changing your own password'),
});
/** Changing your OWN password needs `currentPassword`; it ends your other sessions (API tokens stay). */
export type UpdateUserRequest = z.input<typeof ZUpdateUserRequest>;
export type UpdateUserInput = z.output<typeof ZUpdateUserRequest>;
export const ZPromoteUserRequest = z.object({ password: z.string().max(256) });
export const ZListUsersQuery = ZPageQuery.extend({ search: z.string().max(150).optional(), isActive: zQueryBool() });
export type UserListFilters = z.output<typeof ZListUsersQuery>;

export const ZUser = z.object({
  id: zId(),
  username: z.string(),
  email: z.string().describe('empty when the user has none'),
  emailVerified: z
    .boolean()
    .describe('the owner opened the verification link sent to `email` (or an administrator vouched for it)'),
  emailVerifiedAt: zInstant().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  isAdmin: z.boolean(),
  isActive: z.boolean(),
  feedOnly: z
    .boolean()
    .describe('a feed-only account (MiniTwit simulator): cannot sign in until an administrator promotes it'),
  lastLoginAt: zInstant().nullable(),
  createdAt: zInstant(),
});
export type User = z.infer<typeof ZUser>;
export const ZUserPage = zPage(ZUser);

/** What became of the verification link of a new address (on user create/update and resend). */
export const ZVerificationLinkOutcome = z.union([
  z.object({ sent: z.literal(true), email: z.string(), expiresAt: zInstant() }),
  z.object({ sent: z.literal(false), email: z.string(), reason: z.string() }),
]);
export type VerificationLinkOutcome = z.infer<typeof ZVerificationLinkOutcome>;

/** A created or changed user; `emailVerification` is present when the address changed. */
export const ZUserChange = ZUser.extend({ emailVerification: ZVerificationLinkOutcome.optional() });
export type UserChange = z.infer<typeof ZUserChange>;
