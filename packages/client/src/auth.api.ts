import type {
  ApiToken,
  CreateUserRequest,
  CreatedApiToken,
  EmailVerified,
  LoginResponse,
  Me,
  UpdateUserRequest,
  User,
  UserChange,
  UserListFilters,
  VerificationLinkOutcome,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

// Users, sessions and API tokens are the API contract's shapes (packages/contract/src/{user,auth}/),
// imported as types only.
export type {
  ApiToken,
  CreatedApiToken,
  EmailVerified,
  LoginResponse,
  Me,
  User,
  UserChange,
  VerificationLinkOutcome,
} from '@vigil/contract';
export type UserInput = CreateUserRequest;
/** Changing your OWN password needs `currentPassword`; it ends your other sessions (API tokens stay). */
export type UserUpdate = UpdateUserRequest;
/** The user list's filters as the client sends them. */
export type UserListQuery = PageQuery & Partial<Omit<UserListFilters, 'limit' | 'cursor'>>;

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
    verifyEmail: (token: string) => http.post<EmailVerified>('/api/v1/auth/verify-email', { token }),
    /** A new link to your own unverified address. */
    resendVerification: () => http.post<VerificationLinkOutcome>('/api/v1/auth/verify-email/resend'),
  };
}

export function userApi(http: HttpClient) {
  return {
    list: (q: UserListQuery = {}) => http.get<Page<User>>('/api/v1/users', { ...q }),
    get: (id: number) => http.get<User>(`/api/v1/users/${id}`),
    create: (body: UserInput) => http.post<UserChange>('/api/v1/users', body),
    update: (id: number, body: UserUpdate) => http.patch<UserChange>(`/api/v1/users/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/users/${id}`),
    /** Administrators: a feed-only account becomes a workspace account with this password. */
    promote: (id: number, password: string) => http.post<User>(`/api/v1/users/${id}/promote`, { password }),
  };
}
