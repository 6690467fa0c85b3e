import type { SbomMatchService } from '@vigil/core';
import { defineJob, type JobHandlers } from '../job-definition.ts';

export const sbomMatchJob = defineJob({
  name: 'sbom.match',
  description: "Matches an engagement's SBOM inventory against the advisory store (after an upload, or on demand)",
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  timeoutSeconds: 30 * 60,
});

export const sbomReverseMatchJob = defineJob({
  name: 'sbom.reverse-match',
  description: 'Matches again the inventories holding a package that changed advisories name (or named)',
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  timeoutSeconds: 60 * 60,
});

export const sbomMatchJobs = [sbomMatchJob, sbomReverseMatchJob];

/**
 * Handlers of the matching jobs. Both may run twice: a match computes the engagement's findings from
 * the stored inventory and advisories, so a second run finds them current and changes nothing.
 */
export function sbomMatchHandlers(matching: Pick<SbomMatchService, 'matchEngagement' | 'reverseMatch'>): JobHandlers {
  return {
    'sbom.match': async (payload) => {
      await matching.matchEngagement(payload.engagementId);
    },
    'sbom.reverse-match': async (payload) => {
      await matching.reverseMatch(payload);
    },
  };
}
