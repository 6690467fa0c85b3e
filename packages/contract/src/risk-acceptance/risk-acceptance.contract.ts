import { z } from 'zod';
import { PG_INT_MAX, zDate, zDay, zId, zInstant, zItems } from '../common/common.contract.ts';
import { FINDING_LIMITS } from '../finding/finding-values.ts';
import { RISK_DECISIONS } from './risk-acceptance-values.ts';

// Risk acceptances (/api/v1/risk-acceptances…): findings of one product accepted, until an expiry.

const zIdValue = () => z.number().int().min(1).max(PG_INT_MAX);

export const ZCreateRiskAcceptanceRequest = z.object({
  productId: zIdValue(),
  name: z.string().trim().min(1).max(300),
  decision: z.enum(RISK_DECISIONS),
  decisionDetails: z.string().max(20000).optional(),
  acceptedBy: z.string().max(200).optional(),
  ownerId: zIdValue(),
  expirationDate: zDate().nullable().optional(),
  reactivateExpired: z.boolean().optional(),
  findingIds: z.array(zIdValue()).min(1).max(FINDING_LIMITS.bulkIds),
});
export type CreateRiskAcceptanceRequest = z.input<typeof ZCreateRiskAcceptanceRequest>;
/** A validated create request, as the service receives it. */
export type RiskAcceptanceInput = z.output<typeof ZCreateRiskAcceptanceRequest>;

export const ZRiskAcceptanceListQuery = z.object({
  productId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
});

export const ZRiskAcceptance = z.object({
  id: zId(),
  productId: zId(),
  name: z.string(),
  decision: z.enum(RISK_DECISIONS),
  decisionDetails: z.string(),
  acceptedBy: z.string(),
  ownerId: zId(),
  expirationDate: zDay().nullable(),
  expired: z.boolean(),
  reactivateExpired: z.boolean(),
  createdAt: zInstant(),
  findingIds: z.array(zId()).optional().describe('the accepted findings (one acceptance; not in lists)'),
});
export type RiskAcceptance = z.infer<typeof ZRiskAcceptance>;
export const ZRiskAcceptanceList = zItems(ZRiskAcceptance);
