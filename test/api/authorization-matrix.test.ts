import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { DEFAULT_NOTIFICATION_CONFIG } from '../../apps/server/src/config/notification.config.ts';
import { multipartBody } from '../support/multipart.ts';
import { sql } from 'kysely';
import { OsvSyncService, cvssScorer } from '@vigil/vulndb';

/**
 * Walks every /api/v1 route × every role and checks allowed/denied. A route added without an
 * entry here fails the test, so the matrix stays complete.
 */
type Level = 'none' | 'Reader' | 'Writer' | 'Maintainer' | 'Owner' | 'admin';
const LEVELS: Level[] = ['none', 'Reader', 'Writer', 'Maintainer', 'Owner', 'admin'];
const RANK: Record<Level, number> = { none: 0, Reader: 1, Writer: 2, Maintainer: 3, Owner: 4, admin: 5 };
type Need = Exclude<Level, 'none'> | 'any';

interface Fixture {
  ptId: number;
  productId: number;
  engagementId: number;
  testId: number;
  findingId: number;
  noteId: number;
  fileId: number;
  riskAcceptanceId: number;
  membershipId: number;
  ptMembershipId: number;
  emptyPtId: number;
  teamId: number;
  otherUserId: number;
  deletableUserId: number;
  feedOnlyUserId: number;
  slaId: number;
  templateId: number;
  ownTokenId: number;
  actorId: number;
  ownPostId: number;
  channelId: number;
  ownSubscriptionId: number;
  defaultId: number;
  jiraInstanceId: number;
  jiraConfigId: number;
  inviteeUsername: string;
  pendingInvitationId: number;
  ownInvitationId: number;
  otherMessageId: number;
  importRequestId: number;
  failedJobId: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  route: string;
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** A multipart/form-data body (payload and its content-type header) instead of JSON. */
  form?: (f: Fixture) => { payload: Buffer; headers: Record<string, string> };
  need: Need;
  /** List endpoints answer 200 to everyone but only show what the caller may read. */
  list?: (f: Fixture) => { key: string; id: number };
  /** Status for a caller below `need` who can still read the resource (default 403). */
  deniedReadable?: number;
  /** Status for a caller with no role at all when the route is product-scoped but admin-only. */
  deniedNone?: number;
  /** Status for an allowed caller when the route cannot answer 2xx in this harness (default 2xx). */
  allowedStatus?: number;
}

const F = (f: Fixture) => f;
const ADVISORY_ID = 'GHSA-mtrx-mtrx-mtrx';
const cases: RouteCase[] = [
  { method: 'GET', route: '/api/v1/auth/me', url: () => '/api/v1/auth/me', need: 'any' },
  { method: 'GET', route: '/api/v1/auth/tokens', url: () => '/api/v1/auth/tokens', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/auth/tokens',
    url: () => '/api/v1/auth/tokens',
    body: () => ({ name: 'x' }),
    need: 'any',
  },
  {
    method: 'DELETE',
    route: '/api/v1/auth/tokens/:id',
    url: (f) => `/api/v1/auth/tokens/${f.ownTokenId}`,
    need: 'any',
  },
  // No SMTP in this harness: every signed-in user reaches it and is told that no link can be sent.
  {
    method: 'POST',
    route: '/api/v1/auth/verify-email/resend',
    url: () => '/api/v1/auth/verify-email/resend',
    need: 'any',
    allowedStatus: 503,
  },
  { method: 'GET', route: '/api/v1/users', url: () => '/api/v1/users', need: 'admin' },
  {
    method: 'POST',
    route: '/api/v1/users',
    url: () => `/api/v1/users`,
    body: () => ({ username: `u${Math.random().toString(36).slice(2, 8)}`, password: 'long enough pw' }),
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/users/:id',
    url: (f) => `/api/v1/users/${f.otherUserId}`,
    need: 'admin',
    deniedReadable: 404,
  },
  {
    method: 'PATCH',
    route: '/api/v1/users/:id',
    url: (f) => `/api/v1/users/${f.otherUserId}`,
    body: () => ({ firstName: 'X' }),
    need: 'admin',
    deniedReadable: 404,
  },
  { method: 'DELETE', route: '/api/v1/users/:id', url: (f) => `/api/v1/users/${f.deletableUserId}`, need: 'admin' },
  {
    method: 'POST',
    route: '/api/v1/users/:id/promote',
    url: (f) => `/api/v1/users/${f.feedOnlyUserId}/promote`,
    body: () => ({ password: 'violet-anchor-drizzle-87-quasar' }),
    need: 'admin',
  },
  { method: 'GET', route: '/api/v1/teams', url: () => '/api/v1/teams', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/teams',
    url: () => '/api/v1/teams',
    body: () => ({ name: `t${Math.random().toString(36).slice(2, 8)}` }),
    need: 'any',
  },
  // Team routes: the user's team role follows its level (Reader→member, Writer/Maintainer→maintainer, Owner→owner).
  { method: 'GET', route: '/api/v1/teams/:id', url: (f) => `/api/v1/teams/${f.teamId}`, need: 'Reader' },
  {
    method: 'PATCH',
    route: '/api/v1/teams/:id',
    url: (f) => `/api/v1/teams/${f.teamId}`,
    body: () => ({ description: 'd' }),
    need: 'Writer',
  },
  { method: 'DELETE', route: '/api/v1/teams/:id', url: (f) => `/api/v1/teams/${f.teamId}`, need: 'Owner' },
  {
    method: 'GET',
    route: '/api/v1/teams/:id/members',
    url: (f) => `/api/v1/teams/${f.teamId}/members`,
    need: 'Reader',
  },
  {
    method: 'PUT',
    route: '/api/v1/teams/:id/members',
    url: (f) => `/api/v1/teams/${f.teamId}/members`,
    body: (f) => ({ userId: f.otherUserId, role: 'member' }),
    need: 'Writer',
  },
  {
    method: 'DELETE',
    route: '/api/v1/teams/:id/members/:userId',
    url: (f) => `/api/v1/teams/${f.teamId}/members/${f.otherUserId}`,
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/teams/:id/invitations',
    url: (f) => `/api/v1/teams/${f.teamId}/invitations`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/teams/:id/invitations',
    url: (f) => `/api/v1/teams/${f.teamId}/invitations`,
    body: (f) => ({ invitee: f.inviteeUsername, role: 'member' }),
    need: 'Writer',
  },
  { method: 'POST', route: '/api/v1/teams/:id/leave', url: (f) => `/api/v1/teams/${f.teamId}/leave`, need: 'Reader' },
  { method: 'GET', route: '/api/v1/team-invitations', url: () => '/api/v1/team-invitations', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/team-invitations/:id/accept',
    url: (f) => `/api/v1/team-invitations/${f.ownInvitationId}/accept`,
    need: 'any',
  },
  {
    method: 'POST',
    route: '/api/v1/team-invitations/:id/decline',
    url: (f) => `/api/v1/team-invitations/${f.ownInvitationId}/decline`,
    need: 'any',
  },
  {
    method: 'POST',
    route: '/api/v1/team-invitations/:id/revoke',
    url: (f) => `/api/v1/team-invitations/${f.pendingInvitationId}/revoke`,
    need: 'Writer',
  },
  // Chat: team channel = team members; finding thread = product readers (posting: Writer);
  // edit/delete = author or admin.
  {
    method: 'GET',
    route: '/api/v1/chat/teams/:id/messages',
    url: (f) => `/api/v1/chat/teams/${f.teamId}/messages`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/chat/teams/:id/messages',
    url: (f) => `/api/v1/chat/teams/${f.teamId}/messages`,
    body: () => ({ body: 'hi' }),
    need: 'Reader',
  },
  {
    method: 'GET',
    route: '/api/v1/chat/findings/:id/messages',
    url: (f) => `/api/v1/chat/findings/${f.findingId}/messages`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/chat/findings/:id/messages',
    url: (f) => `/api/v1/chat/findings/${f.findingId}/messages`,
    body: () => ({ body: 'hi' }),
    need: 'Writer',
  },
  {
    method: 'PATCH',
    route: '/api/v1/chat/messages/:id',
    url: (f) => `/api/v1/chat/messages/${f.otherMessageId}`,
    body: () => ({ body: 'edited' }),
    need: 'admin',
    deniedNone: 404,
  },
  {
    method: 'DELETE',
    route: '/api/v1/chat/messages/:id',
    url: (f) => `/api/v1/chat/messages/${f.otherMessageId}`,
    need: 'admin',
    deniedNone: 404,
  },
  {
    method: 'PUT',
    route: '/api/v1/chat/messages/:id/reactions/:emoji',
    url: (f) => `/api/v1/chat/messages/${f.otherMessageId}/reactions/${encodeURIComponent('👍')}`,
    need: 'Reader',
  },
  {
    method: 'DELETE',
    route: '/api/v1/chat/messages/:id/reactions/:emoji',
    url: (f) => `/api/v1/chat/messages/${f.otherMessageId}/reactions/${encodeURIComponent('👍')}`,
    need: 'Reader',
  },
  { method: 'GET', route: '/api/v1/chat/unread', url: () => '/api/v1/chat/unread', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/chat/read',
    url: () => '/api/v1/chat/read',
    body: (f) => ({ channel: `team:${f.teamId}`, messageId: f.otherMessageId }),
    need: 'Reader',
  },
  { method: 'GET', route: '/api/v1/chat/search', url: () => '/api/v1/chat/search?q=hello', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/product-types',
    url: () => '/api/v1/product-types?sort=-id',
    need: 'any',
    list: (f) => ({ key: 'id', id: f.ptId }),
  },
  {
    method: 'POST',
    route: '/api/v1/product-types',
    url: () => '/api/v1/product-types',
    body: () => ({ name: `pt${Math.random()}` }),
    need: 'admin',
  },
  { method: 'GET', route: '/api/v1/product-types/:id', url: (f) => `/api/v1/product-types/${f.ptId}`, need: 'Reader' },
  {
    method: 'PATCH',
    route: '/api/v1/product-types/:id',
    url: (f) => `/api/v1/product-types/${f.ptId}`,
    body: () => ({ description: 'x' }),
    need: 'Maintainer',
  },
  {
    method: 'DELETE',
    route: '/api/v1/product-types/:id',
    url: (f) => `/api/v1/product-types/${f.emptyPtId}`,
    need: 'Owner',
  },
  {
    method: 'GET',
    route: '/api/v1/product-types/:id/members',
    url: (f) => `/api/v1/product-types/${f.ptId}/members`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/product-types/:id/members',
    url: (f) => `/api/v1/product-types/${f.ptId}/members`,
    body: (f) => ({ userId: f.otherUserId, role: 'Reader' }),
    need: 'Owner',
  },
  {
    method: 'DELETE',
    route: '/api/v1/product-types/:id/members/:membershipId',
    url: (f) => `/api/v1/product-types/${f.ptId}/members/${f.ptMembershipId}`,
    need: 'Owner',
  },
  {
    method: 'GET',
    route: '/api/v1/products',
    url: (f) => `/api/v1/products?productTypeId=${f.ptId}`,
    need: 'any',
    list: (f) => ({ key: 'id', id: f.productId }),
  },
  {
    method: 'POST',
    route: '/api/v1/products',
    url: () => '/api/v1/products',
    body: (f) => ({ name: `p${Math.random()}`, productTypeId: f.ptId }),
    need: 'Maintainer',
  },
  { method: 'GET', route: '/api/v1/products/:id', url: (f) => `/api/v1/products/${f.productId}`, need: 'Reader' },
  {
    method: 'PATCH',
    route: '/api/v1/products/:id',
    url: (f) => `/api/v1/products/${f.productId}`,
    body: () => ({ description: 'x' }),
    need: 'Maintainer',
  },
  { method: 'DELETE', route: '/api/v1/products/:id', url: (f) => `/api/v1/products/${f.productId}`, need: 'Owner' },
  {
    method: 'GET',
    route: '/api/v1/products/:id/members',
    url: (f) => `/api/v1/products/${f.productId}/members`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/products/:id/members',
    url: (f) => `/api/v1/products/${f.productId}/members`,
    body: (f) => ({ userId: f.otherUserId, role: 'Reader' }),
    need: 'Owner',
  },
  {
    method: 'DELETE',
    route: '/api/v1/products/:id/members/:membershipId',
    url: (f) => `/api/v1/products/${f.productId}/members/${f.membershipId}`,
    need: 'Owner',
  },
  {
    method: 'GET',
    route: '/api/v1/engagements',
    url: (f) => `/api/v1/engagements?productId=${f.productId}`,
    need: 'any',
    list: (f) => ({ key: 'id', id: f.engagementId }),
  },
  {
    method: 'POST',
    route: '/api/v1/engagements',
    url: () => '/api/v1/engagements',
    body: (f) => ({ productId: f.productId, name: 'E2', targetStart: '2026-01-01', targetEnd: '2026-01-02' }),
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/engagements/:id',
    url: (f) => `/api/v1/engagements/${f.engagementId}`,
    need: 'Reader',
  },
  {
    method: 'PATCH',
    route: '/api/v1/engagements/:id',
    url: (f) => `/api/v1/engagements/${f.engagementId}`,
    body: () => ({ status: 'In Progress' }),
    need: 'Writer',
  },
  {
    method: 'DELETE',
    route: '/api/v1/engagements/:id',
    url: (f) => `/api/v1/engagements/${f.engagementId}`,
    need: 'Maintainer',
  },
  {
    method: 'GET',
    route: '/api/v1/tests',
    url: (f) => `/api/v1/tests?engagementId=${f.engagementId}`,
    need: 'any',
    list: (f) => ({ key: 'id', id: f.testId }),
  },
  {
    method: 'POST',
    route: '/api/v1/tests',
    url: () => '/api/v1/tests',
    body: (f) => ({ engagementId: f.engagementId, scanType: 'Manual' }),
    need: 'Writer',
  },
  { method: 'GET', route: '/api/v1/tests/:id', url: (f) => `/api/v1/tests/${f.testId}`, need: 'Reader' },
  {
    method: 'PATCH',
    route: '/api/v1/tests/:id',
    url: (f) => `/api/v1/tests/${f.testId}`,
    body: () => ({ title: 'T' }),
    need: 'Writer',
  },
  { method: 'DELETE', route: '/api/v1/tests/:id', url: (f) => `/api/v1/tests/${f.testId}`, need: 'Maintainer' },
  {
    method: 'GET',
    route: '/api/v1/findings',
    url: (f) => `/api/v1/findings?productId=${f.productId}`,
    need: 'any',
    list: (f) => ({ key: 'id', id: f.findingId }),
  },
  {
    method: 'POST',
    route: '/api/v1/findings',
    url: () => '/api/v1/findings',
    body: (f) => ({ testId: f.testId, title: 'New', severity: 'Low' }),
    need: 'Writer',
  },
  {
    method: 'POST',
    route: '/api/v1/findings/bulk-status',
    url: () => '/api/v1/findings/bulk-status',
    body: (f) => ({ ids: [f.findingId], action: 'verify' }),
    need: 'Writer',
  },
  {
    method: 'POST',
    route: '/api/v1/findings/bulk-assign',
    url: () => '/api/v1/findings/bulk-assign',
    body: (f) => ({ ids: [f.findingId], assigneeId: null }),
    need: 'Writer',
  },
  { method: 'GET', route: '/api/v1/findings/:id', url: (f) => `/api/v1/findings/${f.findingId}`, need: 'Reader' },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/history',
    url: (f) => `/api/v1/findings/${f.findingId}/history`,
    need: 'Reader',
  },
  {
    method: 'PATCH',
    route: '/api/v1/findings/:id',
    url: (f) => `/api/v1/findings/${f.findingId}`,
    body: () => ({ title: 'Renamed' }),
    need: 'Writer',
  },
  {
    method: 'DELETE',
    route: '/api/v1/findings/:id',
    url: (f) => `/api/v1/findings/${f.findingId}`,
    need: 'Maintainer',
  },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/files',
    url: (f) => `/api/v1/findings/${f.findingId}/files`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/findings/:id/files',
    url: (f) => `/api/v1/findings/${f.findingId}/files`,
    form: () => multipartBody({ title: 'proof' }, { name: 'poc.txt', content: 'proof of concept' }),
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/files/:fileId',
    url: (f) => `/api/v1/findings/${f.findingId}/files/${f.fileId}`,
    need: 'Reader',
  },
  {
    method: 'DELETE',
    route: '/api/v1/findings/:id/files/:fileId',
    url: (f) => `/api/v1/findings/${f.findingId}/files/${f.fileId}`,
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/notes',
    url: (f) => `/api/v1/findings/${f.findingId}/notes`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/findings/:id/notes',
    url: (f) => `/api/v1/findings/${f.findingId}/notes`,
    body: () => ({ entry: 'n' }),
    need: 'Writer',
  },
  {
    method: 'PATCH',
    route: '/api/v1/findings/:id/notes/:noteId',
    url: (f) => `/api/v1/findings/${f.findingId}/notes/${f.noteId}`,
    body: () => ({ entry: 'e' }),
    need: 'admin',
    deniedNone: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/notes/:noteId/history',
    url: (f) => `/api/v1/findings/${f.findingId}/notes/${f.noteId}/history`,
    need: 'Reader',
  },
  {
    method: 'DELETE',
    route: '/api/v1/findings/:id/notes/:noteId',
    url: (f) => `/api/v1/findings/${f.findingId}/notes/${f.noteId}`,
    need: 'Maintainer',
  },
  { method: 'GET', route: '/api/v1/sla-configurations', url: () => '/api/v1/sla-configurations', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/sla-configurations/:id',
    url: (f) => `/api/v1/sla-configurations/${f.slaId}`,
    need: 'any',
  },
  {
    method: 'POST',
    route: '/api/v1/sla-configurations',
    url: () => '/api/v1/sla-configurations',
    body: () => ({ name: `s${Math.random()}`, criticalDays: 1, highDays: 2, mediumDays: 3, lowDays: 4 }),
    need: 'admin',
  },
  {
    method: 'PATCH',
    route: '/api/v1/sla-configurations/:id',
    url: (f) => `/api/v1/sla-configurations/${f.slaId}`,
    body: () => ({ lowDays: 5 }),
    need: 'admin',
  },
  {
    method: 'DELETE',
    route: '/api/v1/sla-configurations/:id',
    url: (f) => `/api/v1/sla-configurations/${f.slaId}`,
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/risk-acceptances',
    url: (f) => `/api/v1/risk-acceptances?productId=${f.productId}`,
    need: 'any',
    list: (f) => ({ key: 'id', id: f.riskAcceptanceId }),
  },
  {
    method: 'POST',
    route: '/api/v1/risk-acceptances',
    url: () => '/api/v1/risk-acceptances',
    body: (f) => ({
      productId: f.productId,
      name: 'RA',
      decision: 'accept',
      ownerId: f.actorId,
      findingIds: [f.findingId],
    }),
    need: 'Maintainer',
  },
  {
    method: 'GET',
    route: '/api/v1/risk-acceptances/:id',
    url: (f) => `/api/v1/risk-acceptances/${f.riskAcceptanceId}`,
    need: 'Reader',
  },
  {
    method: 'DELETE',
    route: '/api/v1/risk-acceptances/:id',
    url: (f) => `/api/v1/risk-acceptances/${f.riskAcceptanceId}`,
    need: 'Maintainer',
  },
  { method: 'GET', route: '/api/v1/finding-templates', url: () => '/api/v1/finding-templates', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/finding-templates/:id',
    url: (f) => `/api/v1/finding-templates/${f.templateId}`,
    need: 'any',
  },
  {
    method: 'POST',
    route: '/api/v1/finding-templates',
    url: () => '/api/v1/finding-templates',
    body: () => ({ title: 'T' }),
    need: 'admin',
  },
  {
    method: 'PATCH',
    route: '/api/v1/finding-templates/:id',
    url: (f) => `/api/v1/finding-templates/${f.templateId}`,
    body: () => ({ title: 'T2' }),
    need: 'admin',
  },
  {
    method: 'DELETE',
    route: '/api/v1/finding-templates/:id',
    url: (f) => `/api/v1/finding-templates/${f.templateId}`,
    need: 'admin',
  },
  { method: 'GET', route: '/api/v1/audit-log', url: () => '/api/v1/audit-log', need: 'admin' },
  { method: 'GET', route: '/api/v1/dashboard', url: () => '/api/v1/dashboard', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/admin/deduplication/rehash',
    url: () => '/api/v1/admin/deduplication/rehash',
    body: () => ({ scanType: 'Trivy Scan' }),
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/admin/deduplication/rehash',
    url: () => '/api/v1/admin/deduplication/rehash',
    need: 'admin',
  },
  { method: 'GET', route: '/api/v1/admin/system', url: () => '/api/v1/admin/system', need: 'admin' },
  {
    method: 'GET',
    route: '/api/v1/admin/deduplication/rehash/:id',
    url: () => '/api/v1/admin/deduplication/rehash/1',
    need: 'admin',
  },
  {
    method: 'POST',
    route: '/api/v1/import',
    url: () => '/api/v1/import',
    form: (f) =>
      multipartBody(
        { scanType: 'Generic Findings Import', engagementId: f.engagementId },
        { content: '{"findings":[{"title":"Imported","severity":"Low","description":"d"}]}' },
      ),
    need: 'Writer',
  },
  { method: 'GET', route: '/api/v1/import/scan-types', url: () => '/api/v1/import/scan-types', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/import',
    url: () => '/api/v1/import?async=true',
    form: (f) =>
      multipartBody(
        { scanType: 'Generic Findings Import', engagementId: f.engagementId },
        { content: '{"findings":[{"title":"Queued","severity":"Low","description":"d"}]}' },
      ),
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/import/requests/:id',
    url: (f) => `/api/v1/import/requests/${f.importRequestId}`,
    need: 'Reader',
  },
  { method: 'GET', route: '/api/v1/admin/jobs', url: () => '/api/v1/admin/jobs', need: 'admin' },
  {
    method: 'POST',
    route: '/api/v1/admin/jobs/:id/retry',
    url: (f) => `/api/v1/admin/jobs/${f.failedJobId}/retry`,
    need: 'admin',
  },
  // Advisories are public data: every signed-in user reads them and the sync history; starting a sync is
  // administrators' (409 here: the harness configures no source).
  { method: 'GET', route: '/api/v1/advisories', url: () => '/api/v1/advisories', need: 'any' },
  { method: 'GET', route: '/api/v1/advisories/:id', url: () => `/api/v1/advisories/${ADVISORY_ID}`, need: 'any' },
  { method: 'GET', route: '/api/v1/vulndb/sync-runs', url: () => '/api/v1/vulndb/sync-runs', need: 'any' },
  {
    method: 'POST',
    route: '/api/v1/vulndb/sync-runs',
    url: () => '/api/v1/vulndb/sync-runs',
    body: () => ({}),
    need: 'admin',
    allowedStatus: 409,
  },
  // SBOM inventories: importing is a Writer's on the engagement's product, reading a Reader's; who uses a
  // package answers everyone, with only the products they read.
  {
    method: 'POST',
    route: '/api/v1/engagements/:id/sbom-match',
    url: (f) => `/api/v1/engagements/${f.engagementId}/sbom-match`,
    body: () => ({}),
    need: 'Writer',
  },
  {
    method: 'POST',
    route: '/api/v1/engagements/:id/sbom',
    url: (f) => `/api/v1/engagements/${f.engagementId}/sbom`,
    form: () =>
      multipartBody({}, { name: 'bom.json', content: '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}' }),
    need: 'Writer',
  },
  {
    method: 'GET',
    route: '/api/v1/engagements/:id/components',
    url: (f) => `/api/v1/engagements/${f.engagementId}/components`,
    need: 'Reader',
  },
  {
    method: 'GET',
    route: '/api/v1/engagements/:id/sbom-diff',
    url: (f) => `/api/v1/engagements/${f.engagementId}/sbom-diff?against=${f.engagementId}`,
    need: 'Reader',
  },
  { method: 'GET', route: '/api/v1/components', url: () => '/api/v1/components?purl=pkg:npm/lodash', need: 'any' },
  { method: 'GET', route: '/api/v1/feed/public', url: () => '/api/v1/feed/public', need: 'any' },
  { method: 'GET', route: '/api/v1/feed/timeline', url: () => '/api/v1/feed/timeline', need: 'any' },
  { method: 'GET', route: '/api/v1/feed/users/:username', url: () => '/api/v1/feed/users/other', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/feed/products/:id',
    url: (f) => `/api/v1/feed/products/${f.productId}`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/feed/posts',
    url: () => '/api/v1/feed/posts',
    body: () => ({ text: 'hello' }),
    need: 'any',
  },
  { method: 'DELETE', route: '/api/v1/feed/posts/:id', url: (f) => `/api/v1/feed/posts/${f.ownPostId}`, need: 'any' },
  { method: 'GET', route: '/api/v1/feed/following', url: () => '/api/v1/feed/following', need: 'any' },
  {
    method: 'PUT',
    route: '/api/v1/feed/following/users/:username',
    url: () => '/api/v1/feed/following/users/other',
    need: 'any',
  },
  {
    method: 'DELETE',
    route: '/api/v1/feed/following/users/:username',
    url: () => '/api/v1/feed/following/users/other',
    need: 'any',
  },
  {
    method: 'PUT',
    route: '/api/v1/feed/following/products/:id',
    url: (f) => `/api/v1/feed/following/products/${f.productId}`,
    need: 'Reader',
  },
  {
    method: 'DELETE',
    route: '/api/v1/feed/following/products/:id',
    url: (f) => `/api/v1/feed/following/products/${f.productId}`,
    need: 'any',
  },
  { method: 'GET', route: '/api/v1/jira/instances', url: () => '/api/v1/jira/instances', need: 'admin' },
  {
    method: 'POST',
    route: '/api/v1/jira/instances',
    url: () => '/api/v1/jira/instances',
    body: (f) => ({ name: `J ${f.actorId} ${f.productId}`, url: 'http://127.0.0.1:9', username: 'u', token: 't' }),
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/jira/instances/:id',
    url: (f) => `/api/v1/jira/instances/${f.jiraInstanceId}`,
    need: 'admin',
  },
  {
    method: 'PATCH',
    route: '/api/v1/jira/instances/:id',
    url: (f) => `/api/v1/jira/instances/${f.jiraInstanceId}`,
    body: () => ({ username: 'v' }),
    need: 'admin',
  },
  {
    method: 'DELETE',
    route: '/api/v1/jira/instances/:id',
    url: (f) => `/api/v1/jira/instances/${f.jiraInstanceId}`,
    need: 'admin',
  },
  {
    method: 'POST',
    route: '/api/v1/jira/instances/:id/webhook-secret',
    url: (f) => `/api/v1/jira/instances/${f.jiraInstanceId}/webhook-secret`,
    need: 'admin',
  },
  {
    method: 'POST',
    route: '/api/v1/jira/instances/:id/test',
    url: (f) => `/api/v1/jira/instances/${f.jiraInstanceId}/test`,
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/products/:id/jira',
    url: (f) => `/api/v1/products/${f.productId}/jira`,
    need: 'Reader',
  },
  {
    method: 'PUT',
    route: '/api/v1/products/:id/jira',
    url: (f) => `/api/v1/products/${f.productId}/jira`,
    body: (f) => ({ instanceId: f.jiraInstanceId, projectKey: 'SEC' }),
    need: 'Maintainer',
  },
  {
    method: 'DELETE',
    route: '/api/v1/products/:id/jira/:configId',
    url: (f) => `/api/v1/products/${f.productId}/jira/${f.jiraConfigId}`,
    need: 'Maintainer',
  },
  {
    method: 'GET',
    route: '/api/v1/findings/:id/jira',
    url: (f) => `/api/v1/findings/${f.findingId}/jira`,
    need: 'Reader',
  },
  {
    method: 'POST',
    route: '/api/v1/findings/:id/jira',
    url: (f) => `/api/v1/findings/${f.findingId}/jira`,
    need: 'Writer',
  },
  {
    method: 'POST',
    route: '/api/v1/jira/push',
    url: () => '/api/v1/jira/push',
    body: (f) => ({ findingIds: [f.findingId] }),
    need: 'Writer',
  },
  { method: 'GET', route: '/api/v1/notifications', url: () => '/api/v1/notifications?unread=true', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/notifications/unread-count',
    url: () => '/api/v1/notifications/unread-count',
    need: 'any',
  },
  {
    method: 'POST',
    route: '/api/v1/notifications/read',
    url: () => '/api/v1/notifications/read',
    body: () => ({ ids: [1] }),
    need: 'any',
  },
  { method: 'POST', route: '/api/v1/notifications/read-all', url: () => '/api/v1/notifications/read-all', need: 'any' },
  { method: 'GET', route: '/api/v1/notification-types', url: () => '/api/v1/notification-types', need: 'any' },
  {
    method: 'GET',
    route: '/api/v1/notification-subscriptions',
    url: () => '/api/v1/notification-subscriptions',
    need: 'any',
  },
  {
    method: 'PUT',
    route: '/api/v1/notification-subscriptions',
    url: () => '/api/v1/notification-subscriptions',
    body: () => ({ eventType: 'findings.new', channel: 'alert', minSeverity: 'High' }),
    need: 'any',
  },
  {
    method: 'DELETE',
    route: '/api/v1/notification-subscriptions/:id',
    url: (f) => `/api/v1/notification-subscriptions/${f.ownSubscriptionId}`,
    need: 'any',
  },
  {
    method: 'GET',
    route: '/api/v1/admin/notification-defaults',
    url: () => '/api/v1/admin/notification-defaults',
    need: 'admin',
  },
  {
    method: 'PUT',
    route: '/api/v1/admin/notification-defaults',
    url: () => '/api/v1/admin/notification-defaults',
    body: () => ({ eventType: 'product.added', channel: 'alert' }),
    need: 'admin',
  },
  {
    method: 'DELETE',
    route: '/api/v1/admin/notification-defaults/:id',
    url: (f) => `/api/v1/admin/notification-defaults/${f.defaultId}`,
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/admin/notification-channels',
    url: () => '/api/v1/admin/notification-channels',
    need: 'admin',
  },
  {
    method: 'POST',
    route: '/api/v1/admin/notification-channels',
    url: () => '/api/v1/admin/notification-channels',
    body: () => ({ name: `c${Math.random()}`, kind: 'syslog', host: '93.184.216.34', port: 6514, protocol: 'udp' }),
    need: 'admin',
  },
  {
    method: 'GET',
    route: '/api/v1/admin/notification-channels/:id',
    url: (f) => `/api/v1/admin/notification-channels/${f.channelId}`,
    need: 'admin',
  },
  {
    method: 'PATCH',
    route: '/api/v1/admin/notification-channels/:id',
    url: (f) => `/api/v1/admin/notification-channels/${f.channelId}`,
    body: () => ({ enabled: false }),
    need: 'admin',
  },
  {
    method: 'DELETE',
    route: '/api/v1/admin/notification-channels/:id',
    url: (f) => `/api/v1/admin/notification-channels/${f.channelId}`,
    need: 'admin',
  },
  {
    method: 'POST',
    route: '/api/v1/admin/notification-channels/:id/test',
    url: (f) => `/api/v1/admin/notification-channels/${f.channelId}/test`,
    need: 'admin',
  },
];
/** Routes that need no authentication at all (checked separately). */
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/jira/webhook/:secret',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email',
]);

let db: TestDatabase;
let h: Harness;
const users = new Map<Level, TestUser>();
let other: TestUser;
const sys: RequestContext = { actor: SYSTEM_ACTOR };
const TEAM_ROLE = { Reader: 'member', Writer: 'maintainer', Maintainer: 'maintainer', Owner: 'owner' } as const;

before(async () => {
  db = await freshDatabase();
  // The Jira instances point at 127.0.0.1:9 (nothing listens): allowed past the SSRF guard, refused by the OS.
  h = await createHarness(db.uow, {
    notifications: { ...DEFAULT_NOTIFICATION_CONFIG, outboundAllow: ['127.0.0.1/32'] },
  });
  for (const level of LEVELS)
    users.set(level, await h.user(`user_${level.toLowerCase()}`, { admin: level === 'admin' }));
  other = await h.user('other');
  await new OsvSyncService(db.uow, cvssScorer).importRecord(
    JSON.stringify({ id: ADVISORY_ID, modified: '2024-01-01T00:00:00Z', summary: 'matrix' }),
    { source: 'import', ecosystem: null, origin: 'matrix' },
  );
});
after(async () => {
  await h.close();
  await db.drop();
});

let seq = 0;
async function fixture(level: Level, user: TestUser): Promise<Fixture> {
  const s = h.services;
  const n = ++seq;
  const pt = await s.productTypes.create(sys, { name: `PT ${n}` });
  const product = await s.products.create(sys, { name: `Product ${n}`, productTypeId: pt.id });
  const engagement = await s.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  const finding = await s.findings.create(sys, { testId: t.id, title: 'F', severity: 'High' });
  const other2 = await s.findings.create(sys, { testId: t.id, title: 'F2', severity: 'Low' });
  const note = await s.notes.add(sys, finding.id, 'note', false);
  const file = await s.findingFiles.add(sys, finding.id, {
    title: 'f',
    filename: 'f.txt',
    contentType: 'text/plain',
    bytes: Buffer.from('x'),
  });
  const ra = await s.riskAcceptances.create(sys, {
    productId: product.id,
    name: 'RA',
    decision: 'accept',
    ownerId: other.id,
    findingIds: [other2.id],
  });
  const membership = await s.memberships.grant(sys, { productId: product.id }, { userId: other.id }, 'Reader');
  const ptMembership = await s.memberships.grant(sys, { productTypeId: pt.id }, { userId: other.id }, 'Reader');
  const deletable = await s.users.insert(sys, { username: `gone_${n}`, password: 'long enough pw' });
  const emptyPt = await s.productTypes.create(sys, { name: `Empty PT ${n}` });
  const team = await s.teams.create(sys, `Team ${n}`);
  await s.teams.setMember(sys, team.id, other.id, 'member');
  await s.teams.setMember(sys, team.id, users.get('admin')!.id, 'owner');
  if (level !== 'none' && level !== 'admin') {
    await s.memberships.grant(sys, { productTypeId: pt.id }, { userId: user.id }, level);
    await s.memberships.grant(sys, { productTypeId: emptyPt.id }, { userId: user.id }, level);
    await s.teams.setMember(sys, team.id, user.id, TEAM_ROLE[level]);
  }
  // Teams and chat (issue 6): a co-owner (so the admin may leave), a pending invitation, one to the caller,
  // a message by another member.
  const coOwner = await h.uow.repos.users.insert({ username: `co_${n}`, password_hash: null });
  const feedOnly = await h.uow.repos.users.insert({ username: `feed_${n}`, password_hash: null, feed_only: true });
  const invitee = await h.uow.repos.users.insert({ username: `inv_${n}`, password_hash: null });
  const invitee2 = await h.uow.repos.users.insert({ username: `inv2_${n}`, password_hash: null });
  await s.teams.setMember(sys, team.id, coOwner.id, 'owner');
  const pendingInvitation = await s.teamInvitations.invite(sys, team.id, { invitee: invitee.username, role: 'member' });
  const inviteTeam = await s.teams.create(sys, `Inviting team ${n}`);
  const ownInvitation = await s.teamInvitations.invite(sys, inviteTeam.id, { invitee: user.username, role: 'member' });
  const otherMessage = await s.chat.post(
    { actor: { userId: other.id, username: other.username, isAdmin: false, via: 'token' } },
    { kind: 'team', id: team.id },
    'hello from other',
  );
  const sla = await s.slaConfigurations.create(sys, {
    name: `SLA ${n}`,
    criticalDays: 1,
    highDays: 2,
    mediumDays: 3,
    lowDays: 4,
  });
  const template = await s.findingTemplates.create(sys, { title: `Tpl ${n}` });
  const { token } = await s.apiTokens.create({ actor: { ...SYSTEM_ACTOR } }, user.id, `own ${n}`);
  const ownPost = await s.feed.postAs(user.id, `post ${n}`);
  const channel = await s.notificationChannels.create(sys, {
    name: `siem ${n}`,
    kind: 'syslog',
    host: '93.184.216.34',
    port: 514,
    protocol: 'udp',
  });
  const ownSubscription = await s.notifications.saveSubscription(
    { actor: { userId: user.id, username: user.username, isAdmin: level === 'admin', via: 'token' } },
    { eventType: 'job.failed', channel: 'email', enabled: true },
  );
  const notificationDefault = await s.notificationDefaults.save(sys, {
    productId: product.id,
    eventType: 'scan.imported',
    channel: 'alert',
    enabled: true,
  });
  const jiraSpare = await s.jiraInstances.create(sys, {
    name: `Jira spare ${n}`,
    url: 'http://127.0.0.1:9',
    username: 'u',
    token: 't',
  });
  const jiraUsed = await s.jiraInstances.create(sys, {
    name: `Jira ${n}`,
    url: 'http://127.0.0.1:9',
    username: 'u',
    token: 't',
  });
  const jiraConfig = await s.jiraConfigs.put(sys, product.id, { instanceId: jiraUsed.instance.id, projectKey: 'SEC' });
  const importRequest = await s.asyncImports.enqueue(sys, {
    mode: 'import',
    scanType: 'Generic Findings Import',
    engagementId: engagement.id,
    report: Buffer.from('{"findings":[]}'),
  });
  // A dead letter for the retry route (what a worker leaves after the last failed try).
  const failedJobId = (await h.uow.repos.jobs.enqueue('maintenance.login-attempts', { n }))!;
  await sql`UPDATE pgboss.job SET state = 'failed', completed_on = now(), output = '{"message":"boom"}'
    WHERE id = ${failedJobId}::uuid`.execute(db.handle.db);
  return {
    ptId: pt.id,
    productId: product.id,
    engagementId: engagement.id,
    testId: t.id,
    findingId: finding.id,
    noteId: note.id,
    riskAcceptanceId: ra.id,
    membershipId: membership.id,
    ptMembershipId: ptMembership.id,
    emptyPtId: emptyPt.id,
    teamId: team.id,
    otherUserId: other.id,
    deletableUserId: deletable.id,
    feedOnlyUserId: feedOnly.id,
    slaId: sla.id,
    templateId: template.id,
    ownTokenId: token.id,
    ownPostId: ownPost.id,
    channelId: channel.id,
    ownSubscriptionId: ownSubscription.id,
    defaultId: notificationDefault.id,
    jiraInstanceId: jiraSpare.instance.id,
    jiraConfigId: jiraConfig.id,
    fileId: file.id,
    actorId: user.id,
    inviteeUsername: invitee2.username,
    pendingInvitationId: pendingInvitation.id,
    ownInvitationId: ownInvitation.id,
    otherMessageId: otherMessage.id,
    importRequestId: importRequest.id,
    failedJobId,
  };
}

test('every /api/v1 route is in the matrix', () => {
  const registered = new Set<string>();
  const listed = new Set(cases.map((c) => `${c.method} ${c.route}`));
  // Every route is documented in the OpenAPI document, so its paths are the route list.
  const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const method of Object.keys(ops))
      registered.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  const missing = [...registered].filter((r) => !listed.has(r) && !PUBLIC_ROUTES.has(r));
  assert.deepEqual(missing, [], 'routes without an authorization expectation');
  const stale = [...listed].filter((r) => !registered.has(r));
  assert.deepEqual(stale, [], 'matrix entries for routes that do not exist');
});

for (const c of cases) {
  test(`${c.method} ${c.route}`, async () => {
    for (const level of LEVELS) {
      const user = users.get(level)!;
      const f = F(await fixture(level, user));
      const form = c.form?.(f);
      const res = await user.request({
        method: c.method,
        url: c.url(f),
        payload: (form?.payload ?? c.body?.(f)) as never,
        headers: form?.headers,
      });
      const label = `${c.method} ${c.route} as ${level}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (c.list) {
        assert.equal(res.statusCode, 200, label);
        const { id } = c.list(f);
        const visible = res.json().items.some((x: { id: number }) => x.id === id);
        assert.equal(visible, level !== 'none', `${label} (visibility)`);
        continue;
      }
      const allowed = c.need === 'any' || RANK[level] >= RANK[c.need];
      if (allowed) {
        assert.ok(
          c.allowedStatus ? res.statusCode === c.allowedStatus : res.statusCode >= 200 && res.statusCode < 300,
          label,
        );
      } else {
        const canRead = level !== 'none';
        const expected = canRead
          ? (c.deniedReadable ?? 403)
          : c.need === 'admin'
            ? (c.deniedNone ?? c.deniedReadable ?? 403)
            : 404;
        assert.equal(res.statusCode, expected, label);
      }
    }
  });
}

test('anonymous callers get 401 on every protected route', async () => {
  const f = await fixture('none', users.get('none')!);
  for (const c of cases) {
    const form = c.form?.(f);
    const res = await h.app.inject({
      method: c.method,
      url: c.url(f),
      payload: (form?.payload ?? c.body?.(f)) as never,
      headers: form?.headers,
    });
    assert.equal(res.statusCode, 401, `${c.method} ${c.route}`);
  }
});

test('a team role on a product grants access to its members', async () => {
  const member = await h.user('team_member');
  const f = await fixture('none', member);
  const team = await h.services.teams.create(sys, 'Product team');
  await h.services.teams.setMember(sys, team.id, member.id, 'member');
  assert.equal((await member.get(`/api/v1/findings/${f.findingId}`)).statusCode, 404);
  await h.services.memberships.grant(sys, { productId: f.productId }, { teamId: team.id }, 'Writer');
  assert.equal((await member.get(`/api/v1/findings/${f.findingId}`)).statusCode, 200);
  assert.equal((await member.patch(`/api/v1/findings/${f.findingId}`, { title: 'by team' })).statusCode, 200);
  assert.equal((await member.delete(`/api/v1/findings/${f.findingId}`)).statusCode, 403);
});
