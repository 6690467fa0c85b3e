import type {
  AuditEntry,
  AuditLogFilters,
  CreateSlaConfigurationRequest,
  SlaConfiguration,
  UpdateSlaConfigurationRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

// SLA configurations and the audit log are the API contract's shapes (packages/contract/src/sla/,
// audit/): types inferred from its zod schemas, imported as types only (no zod in the web bundle).
export type { AuditEntry, SlaConfiguration } from '@vigil/contract';
/** What creating an SLA configuration sends. */
export type SlaConfigurationInput = CreateSlaConfigurationRequest;

export function slaConfigurationApi(http: HttpClient) {
  return {
    list: () => http.get<ItemList<SlaConfiguration>>('/api/v1/sla-configurations'),
    create: (body: CreateSlaConfigurationRequest) => http.post<SlaConfiguration>('/api/v1/sla-configurations', body),
    update: (id: number, body: UpdateSlaConfigurationRequest) =>
      http.patch<SlaConfiguration>(`/api/v1/sla-configurations/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/sla-configurations/${id}`),
  };
}

export function auditLogApi(http: HttpClient) {
  return {
    list: (q: PageQuery & Partial<Omit<AuditLogFilters, 'limit' | 'cursor'>> = {}) =>
      http.get<Page<AuditEntry>>('/api/v1/audit-log', { ...q }),
  };
}
