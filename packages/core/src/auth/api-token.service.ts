import type { ApiTokenRow, UnitOfWork } from '@vigil/db';
import type { ApiToken } from '@vigil/contract';
import { AppError, notFound } from '../errors/app-error.ts';
import { userPolicy } from '../user/user.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { digest, newSecret } from './secret-token.ts';

export const MAX_TOKEN_DAYS = 3650;

/** API tokens: shown once at creation, stored as a SHA-256 digest, revocable, optional expiry. */
export class ApiTokenService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    ctx: RequestContext,
    userId: number,
    name: string,
    expiresInDays?: number,
  ): Promise<{ token: ApiTokenRow; key: string }> {
    if (!userPolicy.can(ctx.actor, 'manage_tokens', { id: userId }))
      throw new AppError('FORBIDDEN', 'You may only create tokens for yourself');
    if (expiresInDays !== undefined && (expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS)) {
      throw new AppError('VALIDATION_FAILED', `expiresInDays must be between 1 and ${MAX_TOKEN_DAYS}`, [
        { path: 'expiresInDays', message: 'out of range' },
      ]);
    }
    const key = newSecret('vgl_', 30);
    return this.uow.transaction(async (repos) => {
      const token = await repos.apiTokens.insert({
        user_id: userId,
        name,
        token_hash: digest(key),
        prefix: key.slice(0, 8),
        expires_at: expiresInDays ? new Date(this.clock().getTime() + expiresInDays * 86_400_000) : null,
      });
      await audit(repos, ctx, 'create', 'api_token', token.id, undefined, {
        userId,
        name,
        expiresAt: token.expires_at,
      });
      return { token, key };
    });
  }

  list(ctx: RequestContext, userId: number): Promise<ApiTokenRow[]> {
    userPolicy.authorize(ctx.actor, 'manage_tokens', { id: userId });
    return this.uow.repos.apiTokens.listForUser(userId);
  }

  async revoke(ctx: RequestContext, tokenId: number): Promise<void> {
    const token = await this.uow.repos.apiTokens.findById(tokenId);
    // Someone else's token answers as a missing one.
    if (!token || !userPolicy.can(ctx.actor, 'manage_tokens', { id: token.user_id }))
      throw notFound('API token', tokenId);
    await this.uow.transaction(async (repos) => {
      await repos.apiTokens.revoke(tokenId);
      await audit(repos, ctx, 'revoke', 'api_token', tokenId);
    });
  }
}

export function presentApiToken(t: ApiTokenRow): ApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at ? t.expires_at.toISOString() : null,
    lastUsedAt: t.last_used_at ? t.last_used_at.toISOString() : null,
    revoked: t.revoked_at !== null,
  };
}
