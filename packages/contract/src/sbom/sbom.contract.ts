import { z } from 'zod';
import { ZPageQuery, zId, zIdParam, zInstant, zPage } from '../common/common.contract.ts';
import { COMPONENT_SCOPES, SBOM_ENCODINGS } from './sbom-values.ts';

// The SBOM inventory API (docs/api.md "SBOM inventory"): upload an SBOM to an engagement, list its
// components, find the products that use a package, diff two engagements' inventories.

export const ZSbomEngagementParams = z.object({ id: zIdParam() });

/**
 * A raw upload's body: the SBOM document itself (CycloneDX or SPDX JSON; XML arrives as bytes under
 * an XML content type). A multipart upload carries the document in the `file` field instead.
 */
export const ZSbomUploadBody = z
  .unknown()
  .describe('The SBOM: CycloneDX 1.4–1.6 JSON or XML, or SPDX 2.3 JSON (or multipart/form-data, field "file")');

export const ZSbomImportResult = z.object({
  engagementId: zId(),
  /** False when the SBOM is byte-for-byte the one already imported: nothing was written. */
  changed: z.boolean(),
  format: z.enum(['cyclonedx', 'spdx']),
  encoding: z.enum(SBOM_ENCODINGS),
  specVersion: z.string(),
  componentCount: z.number().int(),
  dependencyCount: z.number().int(),
  contentHash: z.string(),
  importedAt: zInstant(),
  warnings: z.array(z.string()),
});

export const ZComponentListQuery = ZPageQuery.extend({
  q: z.string().trim().min(1).max(200).optional(),
});

export const ZInventoryComponent = z.object({
  id: zId(),
  bomRef: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  version: z.string().nullable(),
  type: z.string(),
  purl: z.string().nullable(),
  purlType: z.string().nullable(),
  ecosystem: z.string().nullable(),
  scope: z.enum(COMPONENT_SCOPES).nullable(),
  hashes: z.array(z.object({ alg: z.string(), value: z.string() })),
  licenses: z.array(z.string()),
  dependencyCount: z.number().int(),
});
export const ZInventoryComponentPage = zPage(ZInventoryComponent);

export const ZComponentUsageQuery = ZPageQuery.extend({
  purl: z.string().min(5).max(2000).describe('A package URL; with a version only that version is looked up'),
});

export const ZComponentUsage = z.object({
  productId: zId(),
  productName: z.string(),
  engagementId: zId(),
  engagementName: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  purl: z.string().nullable(),
});
export const ZComponentUsagePage = zPage(ZComponentUsage);

export const ZSbomDiffQuery = z.object({ against: zIdParam() });

const ZPackageChange = z.object({
  packageKey: z.string(),
  name: z.string(),
  purlType: z.string().nullable(),
  before: z.array(z.string()),
  after: z.array(z.string()),
});

export const ZSbomDiff = z.object({
  engagementId: zId(),
  against: zId(),
  /** In this engagement's inventory only. */
  added: z.array(ZPackageChange),
  /** In the other engagement's inventory only. */
  removed: z.array(ZPackageChange),
  /** In both, with other versions. */
  changed: z.array(ZPackageChange),
});

export type SbomImportResult = z.infer<typeof ZSbomImportResult>;
export type InventoryComponent = z.infer<typeof ZInventoryComponent>;
export type ComponentUsage = z.infer<typeof ZComponentUsage>;
export type SbomDiff = z.infer<typeof ZSbomDiff>;
export type PackageChange = z.infer<typeof ZPackageChange>;
export type ComponentListQuery = z.infer<typeof ZComponentListQuery>;
export type ComponentUsageQuery = z.infer<typeof ZComponentUsageQuery>;
