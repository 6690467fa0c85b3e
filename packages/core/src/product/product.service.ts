import type { Page, ProductRole, ProductRow, ProductStats, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { ProductTypePolicy } from '../product-type/product-type.policy.ts';
import { ProductPolicy } from './product.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { isForeignKeyViolation, isUniqueViolation, paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { CreateProductInput, ProductListFilters } from '@vigil/contract';

// The validated request bodies and filters are the API contract's (@vigil/contract product/).
export type ProductInput = CreateProductInput;
export type ProductListQuery = ProductListFilters;

export class ProductService {
  private readonly access: AccessService;
  private readonly policy: ProductPolicy;
  private readonly productTypes: ProductTypePolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new ProductPolicy(uow.repos);
    this.productTypes = new ProductTypePolicy(uow.repos);
  }

  async list(ctx: RequestContext, q: ProductListQuery): Promise<{ page: Page<ProductRow>; stats: ProductStats[] }> {
    const page = await paged(() => this.uow.repos.products.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
    const stats = await this.uow.repos.products.openFindingCounts(page.items.map((p) => p.id));
    return { page, stats };
  }

  async get(
    ctx: RequestContext,
    id: number,
  ): Promise<{ product: ProductRow; role: ProductRole; stats?: ProductStats }> {
    const product = await this.uow.repos.products.findById(id);
    if (!product) throw notFound('Product', id);
    const role = await this.policy.authorize(ctx.actor, 'read', product);
    const [stats] = await this.uow.repos.products.openFindingCounts([id]);
    return { product, role, stats };
  }

  async create(ctx: RequestContext, input: ProductInput): Promise<ProductRow> {
    const pt = await this.uow.repos.productTypes.findById(input.productTypeId);
    if (!pt)
      throw new AppError('VALIDATION_FAILED', `Product type ${input.productTypeId} does not exist`, [
        { path: 'productTypeId', message: 'does not exist' },
      ]);
    await this.productTypes.authorize(ctx.actor, 'add_product', pt);
    return this.write(ctx, undefined, input);
  }

  async update(ctx: RequestContext, id: number, input: Partial<ProductInput>): Promise<ProductRow> {
    const { product } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'update', product);
    if (input.productTypeId !== undefined && input.productTypeId !== product.product_type_id) {
      await this.productTypes.authorize(ctx.actor, 'add_product', { id: input.productTypeId });
    }
    return this.write(ctx, product, input);
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { product } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'delete', product);
    await this.uow.transaction(async (repos) => {
      await repos.products.delete(id);
      await audit(repos, ctx, 'delete', 'product', id, product);
    });
  }

  private write(
    ctx: RequestContext,
    before: ProductRow | undefined,
    input: Partial<ProductInput>,
  ): Promise<ProductRow> {
    const values = {
      name: input.name,
      product_type_id: input.productTypeId,
      description: input.description,
      sla_configuration_id: input.slaConfigurationId,
      business_criticality: input.businessCriticality,
      platform: input.platform,
      lifecycle: input.lifecycle,
      origin: input.origin,
      tags: input.tags,
    };
    return this.uow.transaction(async (repos) => {
      try {
        let row: ProductRow | undefined;
        if (before) {
          row = await repos.products.update(before.id, values);
          if (before.sla_configuration_id !== row?.sla_configuration_id && row) {
            await repos.slaConfigurations.recomputeForConfiguration(row.sla_configuration_id);
          }
        } else {
          row = await repos.products.insert({ ...values, name: input.name!, product_type_id: input.productTypeId! });
          // The creator keeps control of what they made.
          if (ctx.actor.userId)
            await repos.memberships.upsert({ userId: ctx.actor.userId }, { productId: row.id }, 'Owner');
        }
        if (!row) throw notFound('Product', String(before?.id));
        await audit(repos, ctx, before ? 'update' : 'create', 'product', row.id, before, row);
        if (!before) {
          await publish(repos, {
            type: 'product.added',
            topics: [topic.product(row.id), topic.productType(row.product_type_id)],
            actorId: ctx.actor.userId,
            payload: { productId: row.id, productTypeId: row.product_type_id, name: row.name },
          });
        }
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A product named "${input.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        if (isForeignKeyViolation(err))
          throw new AppError('VALIDATION_FAILED', 'A referenced SLA configuration or product type does not exist', [
            { path: 'slaConfigurationId', message: 'does not exist' },
          ]);
        throw err;
      }
    });
  }
}
