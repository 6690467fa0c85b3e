import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

export type RiskDecision = 'accept' | 'avoid' | 'mitigate' | 'fix' | 'transfer';

export interface RiskAcceptance {
  id: number;
  productId: number;
  name: string;
  decision: RiskDecision;
  decisionDetails: string | null;
  acceptedBy: string | null;
  ownerId: number;
  expirationDate: string | null;
  expired: boolean;
  reactivateExpired: boolean;
  createdAt: string;
  findingIds?: number[];
}

export interface CreateRiskAcceptanceRequest {
  productId: number;
  name: string;
  decision: RiskDecision;
  decisionDetails?: string;
  acceptedBy?: string;
  ownerId: number;
  expirationDate?: string | null;
  reactivateExpired?: boolean;
  findingIds: number[];
}

export function riskAcceptanceApi(http: HttpClient) {
  return {
    list: (productId?: number) =>
      http.get<ItemList<RiskAcceptance>>('/api/v1/risk-acceptances', productId ? { productId } : {}),
    create: (body: CreateRiskAcceptanceRequest) => http.post<RiskAcceptance>('/api/v1/risk-acceptances', body),
  };
}
