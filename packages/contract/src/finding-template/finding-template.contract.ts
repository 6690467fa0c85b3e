import { z } from 'zod';
import { PG_INT_MAX, zId, zItems, zTags } from '../common/common.contract.ts';
import { FINDING_LIMITS as L } from '../finding/finding-values.ts';
import { ZSeverity } from '../finding/finding.contract.ts';

// Finding templates (/api/v1/finding-templates…): findings written once and reused; anyone signed
// in reads them, administrators change them. Their fields share the finding's limits.

export const ZCreateFindingTemplateRequest = z.object({
  title: z.string().trim().min(1).max(L.title),
  severity: ZSeverity.nullable().optional(),
  description: z.string().max(L.longText).optional(),
  mitigation: z.string().max(L.longText).optional(),
  impact: z.string().max(L.longText).optional(),
  references: z.string().max(L.longText).optional(),
  cwe: z.number().int().min(1).max(PG_INT_MAX).nullable().optional(),
  vulnerabilityIds: z.array(z.string().min(1).max(L.vulnerabilityId)).max(L.vulnerabilityIdCount).optional(),
  tags: zTags().optional(),
});
export type CreateFindingTemplateRequest = z.input<typeof ZCreateFindingTemplateRequest>;
/** A validated create request, as the service receives it. */
export type FindingTemplateInput = z.output<typeof ZCreateFindingTemplateRequest>;
export const ZUpdateFindingTemplateRequest = ZCreateFindingTemplateRequest.partial();
export type UpdateFindingTemplateRequest = z.input<typeof ZUpdateFindingTemplateRequest>;

export const ZFindingTemplateListQuery = z.object({ search: z.string().max(200).optional() });

export const ZFindingTemplate = z.object({
  id: zId(),
  title: z.string(),
  severity: ZSeverity.nullable(),
  description: z.string(),
  mitigation: z.string(),
  impact: z.string(),
  references: z.string(),
  cwe: z.number().int().nullable(),
  vulnerabilityIds: z.array(z.string()),
  tags: z.array(z.string()),
});
export type FindingTemplate = z.infer<typeof ZFindingTemplate>;
export const ZFindingTemplateList = zItems(ZFindingTemplate);
