import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

export interface SlaConfiguration {
  id: number;
  name: string;
  description: string | null;
  criticalDays: number;
  highDays: number;
  mediumDays: number;
  lowDays: number;
}

export type SlaConfigurationInput = Omit<SlaConfiguration, 'id' | 'description'> & { description?: string };

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function slaConfigurationApi(http: HttpClient) {
  return {
    list: () => http.get<ItemList<SlaConfiguration>>('/api/v1/sla-configurations'),
    create: (body: SlaConfigurationInput) => http.post<SlaConfiguration>('/api/v1/sla-configurations', body),
    update: (id: number, body: Partial<SlaConfigurationInput>) =>
      http.patch<SlaConfiguration>(`/api/v1/sla-configurations/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/sla-configurations/${id}`),
  };
}

export function auditLogApi(http: HttpClient) {
  return {
    list: (q: PageQuery & { entityType?: string; entityId?: string } = {}) =>
      http.get<Page<AuditEntry>>('/api/v1/audit-log', { ...q }),
  };
}
