import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

export interface User {
  id: number;
  username: string;
  email: string | null;
  /** The owner opened the link sent to `email`, or an administrator vouched for it. */
  emailVerified: boolean;
  emailVerifiedAt: string | null;
  firstName: string | null;
  lastName: string | null;
  isAdmin: boolean;
  isActive: boolean;
  /** Registered by the MiniTwit simulator API: cannot sign in or hold a role until promoted. */
  feedOnly: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Me extends User {
  via: 'session' | 'token' | string;
}

export interface LoginResponse {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** Returned once, on creation: `key` is never shown again. */
export interface CreatedApiToken extends ApiToken {
  key: string;
}

export interface UserInput {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  password?: string;
  isAdmin?: boolean;
  isActive?: boolean;
  /** Administrators only: vouch for (true) or withdraw (false) the address's verification. */
  emailVerified?: boolean;
}

/** What became of the verification link of a new address (on user create/update and resend). */
export type VerificationLinkOutcome =
  | { sent: true; email: string; expiresAt: string }
  | { sent: false; email: string; reason: string };

/** A created or changed user; `emailVerification` is present when the address changed. */
export interface UserChange extends User {
  emailVerification?: VerificationLinkOutcome;
}

/** Changing your OWN password needs `currentPassword`; it ends your other sessions (API tokens stay). */
export type UserUpdate = Partial<UserInput> & { currentPassword?: string };

export function authApi(http: HttpClient) {
  return {
    login: (username: string, password: string) =>
      http.post<LoginResponse>('/api/v1/auth/login', { username, password }),
    logout: () => http.post<void>('/api/v1/auth/logout'),
    me: () => http.get<Me>('/api/v1/auth/me'),
    tokens: () => http.get<ItemList<ApiToken>>('/api/v1/auth/tokens'),
    createToken: (name: string, expiresInDays?: number) =>
      http.post<CreatedApiToken>('/api/v1/auth/tokens', { name, expiresInDays }),
    revokeToken: (id: number) => http.delete(`/api/v1/auth/tokens/${id}`),
    /** Consumes the secret of an emailed verification link (public; works once). */
    verifyEmail: (token: string) =>
      http.post<{ verified: true; user: { id: number; username: string; email: string }; invitationsReceived: number }>(
        '/api/v1/auth/verify-email',
        { token },
      ),
    /** A new link to your own unverified address. */
    resendVerification: () => http.post<VerificationLinkOutcome>('/api/v1/auth/verify-email/resend'),
  };
}

export function userApi(http: HttpClient) {
  return {
    list: (q: PageQuery & { search?: string; isActive?: boolean } = {}) =>
      http.get<Page<User>>('/api/v1/users', { ...q }),
    get: (id: number) => http.get<User>(`/api/v1/users/${id}`),
    create: (body: UserInput) => http.post<UserChange>('/api/v1/users', body),
    update: (id: number, body: UserUpdate) => http.patch<UserChange>(`/api/v1/users/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/users/${id}`),
    /** Administrators: a feed-only account becomes a workspace account with this password. */
    promote: (id: number, password: string) => http.post<User>(`/api/v1/users/${id}/promote`, { password }),
  };
}
