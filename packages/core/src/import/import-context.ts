import type { EngagementRow, Repositories } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import { EngagementPolicy } from '../engagement/engagement.policy.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { ProductTypePolicy } from '../product-type/product-type.policy.ts';
import { TestPolicy } from '../test/test.policy.ts';
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
  new AppError(
    'VALIDATION_FAILED',
    `${what}: give an engagement id, or product_name and engagement_name (with auto_create_context to create them)`,
    [{ path: 'engagement', message: 'missing' }],
  );

/**
 * Resolves the import's target inside the import transaction, creating the named product type,
 * product and engagement when auto_create_context asks for it, with the permissions each needs:
 * Writer on the product to import, Maintainer on the product type to add a product, admin for a
 * new product type. Takes the product's advisory lock before anything reads its findings.
 */
export async function resolveImportTarget(
  repos: Repositories,
  ctx: RequestContext,
  req: ImportRequest,
  now: Date,
): Promise<ImportTarget> {
  if (req.testId !== undefined) {
    const test = await repos.tests.findById(req.testId);
    if (!test) throw notFound('Test', req.testId);
    await new TestPolicy(repos).authorize(ctx.actor, 'import', test);
    await repos.imports.lockProduct(test.product_id);
    const engagement = (await repos.engagements.findById(test.engagement_id))!;
    const product = (await repos.products.findById(test.product_id))!;
    return { productTypeId: product.product_type_id, productId: product.id, engagement, testId: test.id };
  }
  let engagement: EngagementRow | undefined;
  if (req.engagementId !== undefined) {
    engagement = await repos.engagements.findById(req.engagementId);
    if (!engagement) throw notFound('Engagement', req.engagementId);
    await new EngagementPolicy(repos).authorize(ctx.actor, 'import', engagement);
    await repos.imports.lockProduct(engagement.product_id);
  } else {
    if (!req.productName || !req.engagementName) throw missing('No engagement given');
    const productId = await resolveProduct(repos, ctx, req);
    await repos.imports.lockProduct(productId);
    engagement = await repos.engagements.findByName(productId, req.engagementName);
    if (!engagement) {
      if (!req.autoCreateContext)
        throw notFound(
          'Engagement',
          req.engagementName,
          `Engagement "${req.engagementName}" was not found in product "${req.productName}"`,
        );
      await new ProductPolicy(repos).authorize(ctx.actor, 'add_engagement', { id: productId });
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
      await new EngagementPolicy(repos).authorize(ctx.actor, 'import', engagement);
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
async function resolveProduct(repos: Repositories, ctx: RequestContext, req: ImportRequest): Promise<number> {
  const name = req.productName!;
  if (req.autoCreateContext) await repos.imports.lockName('product', name);
  const found = await repos.products.findByName(name);
  const product = found && (await new ProductPolicy(repos).can(ctx.actor, 'read', found)) ? found : undefined;
  if (product) {
    if (req.productTypeName) {
      const pt = await repos.productTypes.findById(product.product_type_id);
      if (pt && pt.name.toLowerCase() !== req.productTypeName.toLowerCase()) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Product "${name}" belongs to product type "${pt.name}", not "${req.productTypeName}"`,
          [{ path: 'product_type_name', message: 'does not match the product' }],
        );
      }
    }
    return product.id;
  }
  if (!req.autoCreateContext)
    throw notFound('Product', name, `Product "${name}" was not found (send auto_create_context=true to create it)`);
  if (!req.productTypeName)
    throw new AppError('VALIDATION_FAILED', `Product "${name}" does not exist; give product_type_name to create it`, [
      { path: 'product_type_name', message: 'missing' },
    ]);
  await repos.imports.lockName('product_type', req.productTypeName);
  const foundType = await repos.productTypes.findByName(req.productTypeName);
  const productTypes = new ProductTypePolicy(repos);
  let pt = foundType && (await productTypes.can(ctx.actor, 'read', foundType)) ? foundType : undefined;
  if (pt) {
    // Readable through one of its products but no role on the type itself: FORBIDDEN, not a 404.
    if (!(await productTypes.can(ctx.actor, 'add_product', pt))) {
      const role = await productTypes.role(ctx.actor, pt, 'add_product');
      throw new AppError(
        'FORBIDDEN',
        `Your role (${role ?? 'none'}) does not allow "add_product" on this product type`,
      );
    }
  } else {
    if (!adminPolicy.can(ctx.actor, 'create', 'product_type'))
      throw new AppError(
        'FORBIDDEN',
        `Product type "${req.productTypeName}" does not exist and only administrators may create product types`,
      );
    pt = await repos.productTypes.insert({ name: req.productTypeName });
  }
  if (found)
    throw new AppError('CONFLICT', `A product named "${name}" already exists`, [
      { path: 'product_name', message: 'already exists' },
    ]);
  const created = await repos.products.insert({
    name,
    product_type_id: pt.id,
    description: '',
    tags: [],
    business_criticality: null,
    platform: null,
    lifecycle: null,
    origin: null,
  });
  return created.id;
}
