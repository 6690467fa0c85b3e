import { z } from 'zod';
import { zId, zItems } from '../common/common.contract.ts';

// SLA configurations (/api/v1/sla-configurations…): days to fix a finding, per severity; anyone
// signed in reads them, administrators change them.

const days = () => z.number().int().min(1).max(3650);
export const ZCreateSlaConfigurationRequest = z.object({
  name: z.string().trim().min(1).max(128),
  description: z.string().max(5000).optional(),
  criticalDays: days(),
  highDays: days(),
  mediumDays: days(),
  lowDays: days(),
});
export type CreateSlaConfigurationRequest = z.input<typeof ZCreateSlaConfigurationRequest>;
export type SlaConfigurationInput = z.output<typeof ZCreateSlaConfigurationRequest>;
export const ZUpdateSlaConfigurationRequest = ZCreateSlaConfigurationRequest.partial();
export type UpdateSlaConfigurationRequest = z.input<typeof ZUpdateSlaConfigurationRequest>;

export const ZSlaConfiguration = z.object({
  id: zId(),
  name: z.string(),
  description: z.string(),
  criticalDays: z.number().int(),
  highDays: z.number().int(),
  mediumDays: z.number().int(),
  lowDays: z.number().int(),
});
export type SlaConfiguration = z.infer<typeof ZSlaConfiguration>;
export const ZSlaConfigurationList = zItems(ZSlaConfiguration);
