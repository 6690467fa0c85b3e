import type { EngagementRow, Repositories } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import type { AccessService } from '../access/access.service.ts';
import { can } from '../access/abilities.ts';
import type { RequestContext } from '../context/request-context.ts';
import { todayUtc } from '../sla/sla.ts';
import type { ImportRequest } from './import-request.ts';

/** Where an import lands: the engagement (and its product), and the test when reimporting into one. */
export interface ImportTarget {
  productTypeId: number;
  productId: number;
  engagement: EngagementRow;
  /** The existing test a reimport updates; undefined = a new test is created. */
  testId?: number;
}

const missing = (what: string) =>
  new AppError('VALIDATION_FAILED', `${what}: give an engagement id, or product_name and engagement_name (with auto_create_context to create them)`, [
    { path: 'engagement', message: 'missing' },
  ]);

/**
 * Resolves the import's target inside the import transaction, creating the named product type,
 * product and engagement when auto_create_context asks for it, with the permissions each needs:
 * Writer on the product to import, Maintainer on the product type to add a product, admin for a
 * new product type. Takes the product's advisory lock before anything reads its findings.
 */
export async function resolveImportTarget(repos: Repositories, access: AccessService, ctx: RequestContext, req: ImportRequest, now: Date): Promise<ImportTarget> {
  if (req.testId !== undefined) {
    const test = await repos.tests.findById(req.testId);
    if (!test) throw new AppError('NOT_FOUND', `Test ${req.testId} was not found`);
    await access.require(ctx.actor, { productId: test.product_id }, 'import', 'test', 'Test', test.id);
    await repos.imports.lockProduct(test.product_id);
    const engagement = (await repos.engagements.findById(test.engagement_id))!;
    const product = (await repos.products.findById(test.product_id))!;
    return { productTypeId: product.product_type_id, productId: product.id, engagement, testId: test.id };
  }
  let engagement: EngagementRow | undefined;
  if (req.engagementId !== undefined) {
    engagement = await repos.engagements.findById(req.engagementId);
    if (!engagement) throw new AppError('NOT_FOUND', `Engagement ${req.engagementId} was not found`);
    await access.require(ctx.actor, { productId: engagement.product_id }, 'import', 'engagement', 'Engagement', engagement.id);
    await repos.imports.lockProduct(engagement.product_id);
  } else {
    if (!req.productName || !req.engagementName) throw missing('No engagement given');
    const productId = await resolveProduct(repos, access, ctx, req);
    await repos.imports.lockProduct(productId);
    engagement = await repos.engagements.findByName(productId, req.engagementName);
    if (!engagement) {
      if (!req.autoCreateContext) throw new AppError('NOT_FOUND', `Engagement "${req.engagementName}" was not found in product "${req.productName}"`);
      await access.require(ctx.actor, { productId }, 'add_engagement', 'product', 'Product', productId);
      const start = req.scanDate ?? todayUtc(now);
      const end = req.engagementEndDate && req.engagementEndDate >= start ? req.engagementEndDate : start;
      engagement = await repos.engagements.insert({
        product_id: productId,
        name: req.engagementName,
        target_start: start,
        target_end: end,
        status: 'In Progress',
        engagement_type: 'CI/CD',
        version: req.version ?? null,
        branch_tag: req.branchTag ?? null,
        commit_hash: req.commitHash ?? null,
        build_id: req.buildId ?? null,
        source_code_management_uri: req.sourceCodeManagementUri ?? null,
        lead_id: null,
        tags: [],
      });
    } else {
      await access.require(ctx.actor, { productId }, 'import', 'engagement', 'Engagement', engagement.id);
    }
  }
  const product = (await repos.products.findById(engagement.product_id))!;
  let testId: number | undefined;
  if (req.mode === 'reimport') testId = await repos.imports.latestTestOf(engagement.id, req.scanType, req.testTitle);
  return { productTypeId: product.product_type_id, productId: product.id, engagement, testId };
}

/**
 * The product the import names, created when auto_create_context asks for it. A product or product
 * type the caller cannot read is treated exactly as one that does not exist (same status, code and
 * message), so an import never tells whether a name is taken by something the caller cannot see;
 * the only exception is the creation itself, refused as the products API refuses a taken name.
 */
async function resolveProduct(repos: Repositories, access: AccessService, ctx: RequestContext, req: ImportRequest): Promise<number> {
  const name = req.productName!;
  if (req.autoCreateContext) await repos.imports.lockName('product', name);
  const found = await repos.products.findByName(name);
  const product = found && can(await access.productRole(ctx.actor, found.id), 'read', 'product') ? found : undefined;
  if (product) {
    if (req.productTypeName) {
      const pt = await repos.productTypes.findById(product.product_type_id);
      if (pt && pt.name.toLowerCase() !== req.productTypeName.toLowerCase()) {
        throw new AppError('VALIDATION_FAILED', `Product "${name}" belongs to product type "${pt.name}", not "${req.productTypeName}"`, [
          { path: 'product_type_name', message: 'does not match the product' },
        ]);
      }
    }
    return product.id;
  }
  if (!req.autoCreateContext) throw new AppError('NOT_FOUND', `Product "${name}" was not found (send auto_create_context=true to create it)`);
  if (!req.productTypeName) throw new AppError('VALIDATION_FAILED', `Product "${name}" does not exist; give product_type_name to create it`, [{ path: 'product_type_name', message: 'missing' }]);
  await repos.imports.lockName('product_type', req.productTypeName);
  const foundType = await repos.productTypes.findByName(req.productTypeName);
  let pt = foundType && (await productTypeVisible(repos, access, ctx, foundType.id)) ? foundType : undefined;
  if (pt) {
    const role = await access.productTypeRole(ctx.actor, pt.id);
    if (!can(role, 'add_product', 'product_type')) throw new AppError('FORBIDDEN', `Your role (${role ?? 'none'}) does not allow "add_product" on this product type`);
  } else {
    if (!ctx.actor.isAdmin) throw new AppError('FORBIDDEN', `Product type "${req.productTypeName}" does not exist and only administrators may create product types`);
    pt = await repos.productTypes.insert({ name: req.productTypeName });
  }
  if (found) throw new AppError('CONFLICT', `A product named "${name}" already exists`, [{ path: 'product_name', message: 'already exists' }]);
  const created = await repos.products.insert({ name, product_type_id: pt.id, description: '', tags: [], business_criticality: null, platform: null, lifecycle: null, origin: null });
  return created.id;
}

/** Whether the caller may read a product type: a role on it, or a product in it. */
async function productTypeVisible(repos: Repositories, access: AccessService, ctx: RequestContext, productTypeId: number): Promise<boolean> {
  if (can(await access.productTypeRole(ctx.actor, productTypeId), 'read', 'product_type')) return true;
  return repos.access.hasAnyProductInType(ctx.actor.userId, productTypeId);
}
