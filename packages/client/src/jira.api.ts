import type { JiraLink } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

export type JiraSeverity = 'Critical' | 'High' | 'Medium' | 'Low' | 'Info';
export type JiraGroupBy = 'component_name' | 'component_name+component_version' | 'file_path' | 'finding_title';

/** A Jira instance as the API shows it: never the token or the webhook secret. */
export interface JiraInstance {
  id: number;
  name: string;
  url: string;
  username: string;
  falsePositiveResolutions: string[];
  riskAcceptedResolutions: string[];
  reconciledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JiraInstanceInput {
  name: string;
  url: string;
  username: string;
  token: string;
  falsePositiveResolutions?: string[];
  riskAcceptedResolutions?: string[];
}

export interface JiraConfig {
  id: number;
  productId: number;
  engagementId: number | null;
  instanceId: number;
  projectKey: string;
  issueType: string;
  priorityMap: Partial<Record<JiraSeverity, string>>;
  closeTransition: string;
  reopenTransition: string;
  labels: string[];
  component: string | null;
  pushMinSeverity: JiraSeverity | null;
  engagementEpic: boolean;
  pushNotes: boolean;
  updatedAt: string;
}

export type JiraConfigInput = Pick<JiraConfig, 'instanceId' | 'projectKey'> &
  Partial<Omit<JiraConfig, 'id' | 'productId' | 'updatedAt' | 'instanceId' | 'projectKey'>>;

export interface ProductJira {
  configs: JiraConfig[];
  instances: Array<{ id: number; name: string; url: string }>;
  canEdit: boolean;
}

/** The small Jira field of a finding. */
export type { JiraLink };

export function jiraApi(http: HttpClient) {
  return {
    instances: () => http.get<ItemList<JiraInstance>>('/api/v1/jira/instances'),
    createInstance: (body: JiraInstanceInput) =>
      http.post<JiraInstance & { webhookPath: string }>('/api/v1/jira/instances', body),
    updateInstance: (id: number, body: Partial<JiraInstanceInput>) =>
      http.patch<JiraInstance>(`/api/v1/jira/instances/${id}`, body),
    removeInstance: (id: number) => http.delete(`/api/v1/jira/instances/${id}`),
    rotateWebhookSecret: (id: number) =>
      http.post<{ webhookPath: string }>(`/api/v1/jira/instances/${id}/webhook-secret`),
    testInstance: (id: number) =>
      http.post<{ ok: boolean; user: string | null; error: string | null }>(`/api/v1/jira/instances/${id}/test`),
    productConfig: (productId: number) => http.get<ProductJira>(`/api/v1/products/${productId}/jira`),
    saveProductConfig: (productId: number, body: JiraConfigInput) =>
      http.request<JiraConfig>('PUT', `/api/v1/products/${productId}/jira`, body),
    removeProductConfig: (productId: number, configId: number) =>
      http.delete(`/api/v1/products/${productId}/jira/${configId}`),
    findingLink: (findingId: number) => http.get<{ jira: JiraLink | null }>(`/api/v1/findings/${findingId}/jira`),
    pushFinding: (findingId: number) => http.post<{ jira: JiraLink | null }>(`/api/v1/findings/${findingId}/jira`),
    pushFindings: (findingIds: number[], groupBy?: JiraGroupBy | null) =>
      http.post<{ items: Array<{ findingId: number; jira: JiraLink }>; skipped: number[] }>('/api/v1/jira/push', {
        findingIds,
        groupBy,
      }),
  };
}
