import type { HttpClient } from './http-client.ts';
import type { JiraLink } from './jira.api.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUS_ACTIONS = [
  'verify',
  'unverify',
  'close',
  'reopen',
  'false_positive',
  'not_false_positive',
  'out_of_scope',
  'in_scope',
  'under_review',
  'review_done',
] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export type FindingAbility = 'read' | 'update' | 'delete' | 'triage' | 'add_note' | 'accept_risk';
export type FindingSort = 'id' | '-id' | 'severity' | '-severity' | 'date' | '-date' | 'title' | '-title';

export interface Finding {
  id: number;
  testId: number;
  engagementId: number;
  productId: number;
  title: string;
  severity: Severity;
  numericalSeverity: string;
  description: string | null;
  mitigation: string | null;
  impact: string | null;
  references: string | null;
  cwe: number | null;
  vulnerabilityIds: string[];
  cvssv3: string | null;
  cvssv3Score: number | null;
  cvssv4: string | null;
  cvssv4Score: number | null;
  epssScore: number | null;
  epssPercentile: number | null;
  filePath: string | null;
  line: number | null;
  componentName: string | null;
  componentVersion: string | null;
  uniqueIdFromTool: string | null;
  vulnIdFromTool: string | null;
  hashCode: string | null;
  date: string;
  active: boolean;
  verified: boolean;
  falsePositive: boolean;
  outOfScope: boolean;
  riskAccepted: boolean;
  underReview: boolean;
  mitigated: boolean;
  mitigatedAt: string | null;
  mitigatedById: number | null;
  duplicate: boolean;
  duplicateFindingId: number | null;
  staticFinding: boolean;
  dynamicFinding: boolean;
  occurrences: number | null;
  slaStartDate: string | null;
  slaExpirationDate: string | null;
  slaDaysRemaining: number | null;
  reporterId: number | null;
  assigneeId: number | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  lastStatusUpdate: string;
}

export interface FindingLocation {
  id: number;
  kind: 'url' | 'dependency';
  protocol: string | null;
  host: string | null;
  port: number | null;
  path: string | null;
  query: string | null;
  purl: string | null;
  mitigated: boolean;
}

export interface FindingDetail extends Finding {
  role: string | null;
  abilities: FindingAbility[];
  locations: FindingLocation[];
  duplicates: Array<{ id: number; title: string; testId: number; createdAt: string }>;
  original: { id: number; title: string; testId: number } | null;
  /** The finding's Jira issue, when it has one. */
  jira: JiraLink | null;
}

/** A findings-table row: what GET /api/v1/findings returns by default (view=summary). */
export type FindingSummary = Pick<
  Finding,
  | 'id' | 'testId' | 'engagementId' | 'productId' | 'title' | 'severity' | 'numericalSeverity' | 'cwe' | 'vulnerabilityIds'
  | 'cvssv3Score' | 'epssScore' | 'filePath' | 'line' | 'componentName' | 'componentVersion' | 'date'
  | 'active' | 'verified' | 'falsePositive' | 'outOfScope' | 'riskAccepted' | 'underReview' | 'mitigated' | 'duplicate'
  | 'slaExpirationDate' | 'slaDaysRemaining' | 'assigneeId' | 'tags' | 'createdAt'
>;

export interface FindingNote {
  id: number;
  findingId: number;
  authorId: number | null;
  author: string | null;
  entry: string;
  private: boolean;
  edited: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FindingListQuery extends PageQuery {
  severity?: readonly Severity[];
  active?: boolean;
  verified?: boolean;
  falsePositive?: boolean;
  duplicate?: boolean;
  mitigated?: boolean;
  productId?: number;
  productTypeId?: number;
  engagementId?: number;
  testId?: number;
  cwe?: number;
  vulnerabilityId?: string;
  componentName?: string;
  tag?: string;
  assigneeId?: number;
  title?: string;
  sla?: 'breached' | 'soon' | 'ok';
  sort?: FindingSort;
}

export type CreateFindingRequest = Partial<Omit<Finding, 'id' | 'testId' | 'title' | 'severity'>> & {
  testId: number;
  title: string;
  severity: Severity;
  locations?: Array<Partial<Omit<FindingLocation, 'id' | 'mitigated'>> & { kind: 'url' | 'dependency' }>;
};

/** One entry of a finding's history: who did what, with the fields that changed. */
export interface FindingHistoryEntry {
  id: number;
  at: string;
  action: string;
  actorId: number | null;
  actorUsername: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

export function findingApi(http: HttpClient) {
  return {
    /** Findings-table rows (the default, cheap view). */
    list: (q: FindingListQuery = {}) => http.get<Page<FindingSummary>>('/api/v1/findings', { ...q }),
    /** The same page with every field of each finding (exports). */
    listFull: (q: FindingListQuery = {}) => http.get<Page<Finding>>('/api/v1/findings', { ...q, view: 'full' }),
    get: (id: number) => http.get<FindingDetail>(`/api/v1/findings/${id}`),
    create: (body: CreateFindingRequest) => http.post<Finding>('/api/v1/findings', body),
    update: (id: number, body: Partial<CreateFindingRequest>) => http.patch<Finding>(`/api/v1/findings/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/findings/${id}`),
    history: (id: number) => http.get<ItemList<FindingHistoryEntry>>(`/api/v1/findings/${id}/history`),
    bulkStatus: (ids: number[], action: StatusAction) => http.post<ItemList<Finding>>('/api/v1/findings/bulk-status', { ids, action }),
    bulkAssign: (ids: number[], assigneeId: number | null) => http.post<ItemList<Finding>>('/api/v1/findings/bulk-assign', { ids, assigneeId }),
    notes: (id: number) => http.get<ItemList<FindingNote>>(`/api/v1/findings/${id}/notes`),
    addNote: (id: number, entry: string, isPrivate = false) =>
      http.post<FindingNote>(`/api/v1/findings/${id}/notes`, { entry, private: isPrivate }),
  };
}
