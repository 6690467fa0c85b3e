import type { SbomMatchResponse } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';

export type { SbomMatchResponse } from '@vigil/contract';

export function sbomMatchApi(http: HttpClient) {
  return {
    /** POST /api/v1/engagements/:id/sbom-match: queues a match of the engagement's inventory. */
    request: (engagementId: number) =>
      http.post<SbomMatchResponse>(`/api/v1/engagements/${engagementId}/sbom-match`, {}),
  };
}
