import type { HttpClient } from './http-client.ts';
import type { Page, PageQuery } from './page.ts';

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

export interface Engagement {
  id: number;
  productId: number;
  name: string;
  description: string | null;
  targetStart: string;
  targetEnd: string;
  status: EngagementStatus;
  engagementType: 'Interactive' | 'CI/CD';
  version: string | null;
  branchTag: string | null;
  commitHash: string | null;
  buildId: string | null;
  sourceCodeManagementUri: string | null;
  leadId: number | null;
  deduplicationOnEngagement: boolean;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  role?: string | null;
  abilities?: string[];
}

export interface EngagementInput {
  productId: number;
  name: string;
  description?: string;
  targetStart: string;
  targetEnd: string;
  status?: EngagementStatus;
  engagementType?: 'Interactive' | 'CI/CD';
  version?: string | null;
  tags?: string[];
}

export interface TestRun {
  id: number;
  engagementId: number;
  productId?: number;
  scanType: string;
  title: string | null;
  description: string | null;
  environment: string | null;
  targetStart: string;
  targetEnd: string;
  version: string | null;
  buildId: string | null;
  commitHash: string | null;
  branchTag: string | null;
  leadId: number | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  role?: string | null;
  abilities?: string[];
}

export interface TestRunInput {
  engagementId: number;
  scanType: string;
  title?: string | null;
  description?: string;
  environment?: string;
}

export function engagementApi(http: HttpClient) {
  return {
    list: (q: PageQuery & { productId?: number; status?: EngagementStatus; search?: string; sort?: string } = {}) =>
      http.get<Page<Engagement>>('/api/v1/engagements', { ...q }),
    get: (id: number) => http.get<Engagement>(`/api/v1/engagements/${id}`),
    create: (body: EngagementInput) => http.post<Engagement>('/api/v1/engagements', body),
    update: (id: number, body: Partial<EngagementInput>) => http.patch<Engagement>(`/api/v1/engagements/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/engagements/${id}`),
  };
}

export function testApi(http: HttpClient) {
  return {
    list: (q: PageQuery & { engagementId?: number; productId?: number; scanType?: string } = {}) =>
      http.get<Page<TestRun>>('/api/v1/tests', { ...q }),
    get: (id: number) => http.get<TestRun>(`/api/v1/tests/${id}`),
    create: (body: TestRunInput) => http.post<TestRun>('/api/v1/tests', body),
  };
}
