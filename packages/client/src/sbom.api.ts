import type {
  ComponentListQuery,
  ComponentUsage,
  InventoryComponent,
  SbomDiff,
  SbomImportResult,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { Page, PageQuery } from './page.ts';

// The SBOM API's shapes are the contract's (packages/contract/src/sbom/sbom.contract.ts), imported as
// types only: no zod in the web bundle.
export { COMPONENT_SCOPES, SBOM_UPLOAD_MAX_BYTES } from '@vigil/contract/values';
export type { ComponentUsage, InventoryComponent, PackageChange, SbomDiff, SbomImportResult } from '@vigil/contract';

export function sbomApi(http: HttpClient) {
  return {
    /** POST /api/v1/engagements/:id/sbom: replaces the engagement's inventory (multipart, field "file"). */
    upload: (engagementId: number, file: Blob, filename = 'sbom') => {
      const form = new FormData();
      form.append('file', file, filename);
      return http.postForm<SbomImportResult>(`/api/v1/engagements/${engagementId}/sbom`, form);
    },
    /** GET /api/v1/engagements/:id/components: the inventory by name, optionally searched. */
    components: (engagementId: number, q: PageQuery & Pick<ComponentListQuery, 'q'> = {}) =>
      http.get<Page<InventoryComponent>>(`/api/v1/engagements/${engagementId}/components`, { ...q }),
    /** GET /api/v1/components?purl=: the readable product versions that use a package. */
    usages: (purl: string, q: PageQuery = {}) => http.get<Page<ComponentUsage>>('/api/v1/components', { ...q, purl }),
    /** GET /api/v1/engagements/:id/sbom-diff?against=: packages added, removed, changed. */
    diff: (engagementId: number, against: number) =>
      http.get<SbomDiff>(`/api/v1/engagements/${engagementId}/sbom-diff`, { against }),
  };
}
