// The authorization matrix's vocabulary: caller levels, the fixture every case reads its ids from, and a route case.
export type Level = 'none' | 'Reader' | 'Writer' | 'Maintainer' | 'Owner' | 'admin';
export const LEVELS: Level[] = ['none', 'Reader', 'Writer', 'Maintainer', 'Owner', 'admin'];
export const RANK: Record<Level, number> = { none: 0, Reader: 1, Writer: 2, Maintainer: 3, Owner: 4, admin: 5 };
export type Need = Exclude<Level, 'none'> | 'any';

export interface Fixture {
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

export interface RouteCase {
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

export const F = (f: Fixture) => f;
export const ADVISORY_ID = 'GHSA-mtrx-mtrx-mtrx';
