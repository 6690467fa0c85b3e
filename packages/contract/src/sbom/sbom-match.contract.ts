import { z } from 'zod';
import { zId } from '../common/common.contract.ts';

// On-demand SBOM matching (docs/vulndb.md "Matching"): POST /api/v1/engagements/:id/sbom-match queues
// the `sbom.match` job; its findings land in the engagement's "SBOM analysis" test.

export const ZSbomMatchResponse = z.object({
  engagementId: zId(),
  /** The queued job; null when a match of this engagement is already waiting to run. */
  jobId: z.string().max(100).nullable(),
});
export type SbomMatchResponse = z.infer<typeof ZSbomMatchResponse>;
