import type {
  BulkJiraPush,
  CreateJiraInstanceRequest,
  CreatedJiraInstance,
  FindingJira,
  JiraConfig,
  JiraConfigRequest,
  JiraConnectionTest,
  JiraGroupBy,
  JiraInstance,
  ProductJira,
  UpdateJiraInstanceRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// The Jira shapes are the API contract's (packages/contract/src/jira/), imported as types only.
export type {
  BulkJiraPush,
  CreateJiraInstanceRequest,
  CreatedJiraInstance,
  FindingJira,
  JiraConfig,
  JiraConfigRequest,
  JiraConnectionTest,
  JiraGroupBy,
  JiraInstance,
  JiraLink,
  ProductJira,
  UpdateJiraInstanceRequest,
} from '@vigil/contract';

export function jiraApi(http: HttpClient) {
  return {
    instances: () => http.get<ItemList<JiraInstance>>('/api/v1/jira/instances'),
    createInstance: (body: CreateJiraInstanceRequest) => http.post<CreatedJiraInstance>('/api/v1/jira/instances', body),
    updateInstance: (id: number, body: UpdateJiraInstanceRequest) =>
      http.patch<JiraInstance>(`/api/v1/jira/instances/${id}`, body),
    removeInstance: (id: number) => http.delete(`/api/v1/jira/instances/${id}`),
    rotateWebhookSecret: (id: number) =>
      http.post<{ webhookPath: string }>(`/api/v1/jira/instances/${id}/webhook-secret`),
    testInstance: (id: number) => http.post<JiraConnectionTest>(`/api/v1/jira/instances/${id}/test`),
    productConfig: (productId: number) => http.get<ProductJira>(`/api/v1/products/${productId}/jira`),
    saveProductConfig: (productId: number, body: JiraConfigRequest) =>
      http.request<JiraConfig>('PUT', `/api/v1/products/${productId}/jira`, body),
    removeProductConfig: (productId: number, configId: number) =>
      http.delete(`/api/v1/products/${productId}/jira/${configId}`),
    findingLink: (findingId: number) => http.get<FindingJira>(`/api/v1/findings/${findingId}/jira`),
    pushFinding: (findingId: number) => http.post<FindingJira>(`/api/v1/findings/${findingId}/jira`),
    pushFindings: (findingIds: number[], groupBy?: JiraGroupBy | null) =>
      http.post<BulkJiraPush>('/api/v1/jira/push', { findingIds, groupBy }),
  };
}
