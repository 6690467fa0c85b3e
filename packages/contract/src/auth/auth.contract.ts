import { z } from 'zod';
import { zId, zInstant, zItems } from '../common/common.contract.ts';
import { ZUser } from '../user/user.contract.ts';

// The sign-in and API token routes' contract (/api/v1/auth…); address verification:
// email-verification.contract.ts.

export const ZLoginRequest = z.object({ username: z.string().min(1).max(150), password: z.string().min(1).max(1024) });
export type LoginRequest = z.input<typeof ZLoginRequest>;
export const ZLoginResponse = z.object({
  user: ZUser,
  csrfToken: z.string().describe('echo it in X-CSRF-Token on writes (also set as a readable cookie)'),
  expiresAt: zInstant(),
});
export type LoginResponse = z.infer<typeof ZLoginResponse>;

/** GET /api/v1/auth/me: the caller, and how they authenticated. */
export const ZMe = ZUser.extend({ via: z.enum(['session', 'token', 'system']) });
export type Me = z.infer<typeof ZMe>;

export const ZCreateTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenRequest = z.input<typeof ZCreateTokenRequest>;

export const ZApiToken = z.object({
  id: zId(),
  name: z.string(),
  prefix: z.string(),
  createdAt: zInstant(),
  expiresAt: zInstant().nullable(),
  lastUsedAt: zInstant().nullable(),
  revoked: z.boolean(),
});
export type ApiToken = z.infer<typeof ZApiToken>;
export const ZApiTokenList = zItems(ZApiToken);
/** Returned once, on creation: `key` is never shown again. */
export const ZCreatedApiToken = ZApiToken.extend({ key: z.string().describe('the secret; shown only in this answer') });
export type CreatedApiToken = z.infer<typeof ZCreatedApiToken>;
