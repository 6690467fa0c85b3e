import type {
  CreateEngagementRequest,
  CreateTestRequest,
  Engagement,
  EngagementListFilters,
  Test,
  TestListFilters,
  UpdateEngagementRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { Page, PageQuery } from './page.ts';

// Engagements and tests are the API contract's shapes (packages/contract/src/{engagement,test}/),
// imported as types only; their value lists come from @vigil/contract/values.
export { ENGAGEMENT_ABILITIES, ENGAGEMENT_STATUSES, ENGAGEMENT_TYPES, TEST_ABILITIES } from '@vigil/contract/values';
export type { Engagement, EngagementAbility, EngagementStatus, EngagementType, TestAbility } from '@vigil/contract';
export type EngagementInput = CreateEngagementRequest;
/** A test (one scan run in an engagement); named TestRun here to keep clear of test frameworks. */
export type TestRun = Test;
export type TestRunInput = CreateTestRequest;

/** The engagement list's filters as the client sends them. */
export type EngagementListQuery = PageQuery & Partial<Omit<EngagementListFilters, 'limit' | 'cursor'>>;
/** The test list's filters as the client sends them. */
export type TestListQuery = PageQuery & Partial<Omit<TestListFilters, 'limit' | 'cursor'>>;

export function engagementApi(http: HttpClient) {
  return {
    list: (q: EngagementListQuery = {}) => http.get<Page<Engagement>>('/api/v1/engagements', { ...q }),
    get: (id: number) => http.get<Engagement>(`/api/v1/engagements/${id}`),
    create: (body: EngagementInput) => http.post<Engagement>('/api/v1/engagements', body),
    update: (id: number, body: UpdateEngagementRequest) => http.patch<Engagement>(`/api/v1/engagements/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/engagements/${id}`),
  };
}

export function testApi(http: HttpClient) {
  return {
    list: (q: TestListQuery = {}) => http.get<Page<TestRun>>('/api/v1/tests', { ...q }),
    get: (id: number) => http.get<TestRun>(`/api/v1/tests/${id}`),
    create: (body: TestRunInput) => http.post<TestRun>('/api/v1/tests', body),
  };
}
