import type { ComponentListQuery, ComponentUsageQuery, SbomImportResult } from '@vigil/contract';
import type { ComponentUsageRow, InventoryComponentRow, InventorySummaryRow, Page, UnitOfWork } from '@vigil/db';
import {
  componentIdentity,
  componentKeys,
  InvalidPurlError,
  parsePurl,
  type ReadSbom,
  readSbom,
  sbomContentHash,
  SbomValidationError,
} from '@vigil/vulndb';
import { AccessService } from '../access/access.service.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { EngagementPolicy } from '../engagement/engagement.policy.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { type PackageDiff, packageDiff } from './package-diff.ts';
import { requestSbomMatch } from '../sbom-match/sbom-match.service.ts';

/**
 * SBOM inventories (docs/vulndb.md "SBOM inventory"): an upload replaces the engagement's inventory
 * in one transaction, under the engagement's import lock; an SBOM identical to the stored one (same
 * SHA-256) writes nothing. Reading needs read access to the engagement's product, importing Writer.
 */
export class SbomService {
  private readonly policy: EngagementPolicy;
  private readonly access: AccessService;
  constructor(private readonly uow: UnitOfWork) {
    this.policy = new EngagementPolicy(uow.repos);
    this.access = new AccessService(uow.repos);
  }

  async import(ctx: RequestContext, engagementId: number, bytes: Uint8Array): Promise<SbomImportResult> {
    const engagement = await this.engagement(engagementId);
    await this.policy.authorize(ctx.actor, 'import', engagement);
    // The SBOM already stored is answered before it is parsed; the check is repeated under the lock.
    const current = await this.uow.repos.sbom.inventoryOf(engagementId);
    if (current?.content_hash === sbomContentHash(bytes)) return unchanged(current);
    const { inventory, contentHash, encoding } = readOrRefuse(bytes);
    return this.uow.transaction(async (repos) => {
      await repos.sbom.lockEngagement(engagementId);
      const stored = await repos.sbom.inventoryOf(engagementId);
      if (stored?.content_hash === contentHash) return unchanged(stored);
      await repos.sbom.replaceInventory({
        engagementId,
        productId: engagement.product_id,
        importedBy: ctx.actor.userId || null,
        format: inventory.format,
        encoding,
        specVersion: inventory.specVersion,
        serialNumber: inventory.serialNumber,
        rootRef: inventory.rootRef,
        contentHash,
        warnings: inventory.warnings,
        components: inventory.components.map((component) => ({ ...component, ...componentKeys(component) })),
        dependencies: inventory.dependencies,
      });
      // The new inventory is matched against the advisories by a job queued in the same transaction.
      await requestSbomMatch(repos, engagementId);
      const summary = {
        format: inventory.format,
        encoding,
        specVersion: inventory.specVersion,
        componentCount: inventory.components.length,
        dependencyCount: inventory.dependencies.length,
        contentHash,
      };
      await audit(repos, ctx, 'import', 'sbom_inventory', engagementId, undefined, summary);
      return {
        engagementId,
        changed: true,
        ...summary,
        importedAt: new Date().toISOString(),
        warnings: inventory.warnings,
      };
    });
  }

  async components(
    ctx: RequestContext,
    engagementId: number,
    q: ComponentListQuery,
  ): Promise<Page<InventoryComponentRow>> {
    const engagement = await this.engagement(engagementId);
    await this.policy.authorize(ctx.actor, 'read', engagement);
    return this.uow.repos.sbomQuery.listComponents(engagementId, { q: q.q, limit: q.limit, cursor: q.cursor });
  }

  /** The product versions, among those the caller reads, whose inventory holds the package a purl names. */
  async usages(ctx: RequestContext, q: ComponentUsageQuery): Promise<Page<ComponentUsageRow>> {
    let version: string | undefined;
    try {
      version = parsePurl(q.purl).version;
    } catch (error) {
      if (!(error instanceof InvalidPurlError)) throw error;
      throw new AppError('VALIDATION_FAILED', error.message, [{ path: 'purl', message: error.reason }]);
    }
    const identity = componentIdentity(q.purl, null, '', () => undefined);
    return this.uow.repos.sbomQuery.usages({
      purlType: identity.purlType,
      normalizedName: identity.normalizedName,
      version,
      readableBy: this.access.scope(ctx.actor),
      limit: q.limit,
      cursor: q.cursor,
    });
  }

  /** What changed in `engagementId`'s inventory against `against`'s: both must be readable. */
  async diff(ctx: RequestContext, engagementId: number, against: number): Promise<PackageDiff> {
    const engagement = await this.engagement(engagementId);
    await this.policy.authorize(ctx.actor, 'read', engagement);
    const other = await this.engagement(against);
    await this.policy.authorize(ctx.actor, 'read', other);
    return packageDiff(engagementId, against, await this.uow.repos.sbomQuery.diff(engagementId, against));
  }

  private async engagement(id: number): Promise<{ id: number; product_id: number }> {
    const engagement = await this.uow.repos.engagements.findById(id);
    if (!engagement) throw notFound('Engagement', id);
    return engagement;
  }
}

function unchanged(stored: InventorySummaryRow): SbomImportResult {
  return {
    engagementId: stored.engagement_id,
    changed: false,
    format: stored.format,
    encoding: stored.encoding,
    specVersion: stored.spec_version,
    componentCount: stored.component_count,
    dependencyCount: stored.dependency_count,
    contentHash: stored.content_hash,
    importedAt: stored.imported_at.toISOString(),
    warnings: stored.warnings,
  };
}

function readOrRefuse(bytes: Uint8Array): ReadSbom {
  try {
    return readSbom(bytes);
  } catch (error) {
    if (!(error instanceof SbomValidationError)) throw error;
    throw new AppError('UNPROCESSABLE', error.message, [
      { path: error.path === '' ? '/' : error.path, message: error.reason },
    ]);
  }
}
