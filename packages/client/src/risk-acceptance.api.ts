import type { CreateRiskAcceptanceRequest, RiskAcceptance } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// The risk acceptance's shapes are the API contract's (packages/contract/src/risk-acceptance/),
// imported as types only (no zod in the web bundle); the decisions come from its zod-free module.
export { RISK_DECISIONS } from '@vigil/contract/values';
export type { CreateRiskAcceptanceRequest, RiskAcceptance, RiskDecision } from '@vigil/contract';

export function riskAcceptanceApi(http: HttpClient) {
  return {
    list: (productId?: number) =>
      http.get<ItemList<RiskAcceptance>>('/api/v1/risk-acceptances', productId ? { productId } : {}),
    create: (body: CreateRiskAcceptanceRequest) => http.post<RiskAcceptance>('/api/v1/risk-acceptances', body),
  };
}
