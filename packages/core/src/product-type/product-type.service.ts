import type { Page, ProductRole, ProductTypeRow, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import { ProductTypePolicy } from './product-type.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { isUniqueViolation, paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { CreateProductTypeInput, ProductTypeListFilters } from '@vigil/contract';

// The validated request bodies and filters are the API contract's (@vigil/contract product-type/).
export type ProductTypeInput = CreateProductTypeInput;
export type ProductTypeListQuery = ProductTypeListFilters;

export class ProductTypeService {
  private readonly access: AccessService;
  private readonly policy: ProductTypePolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new ProductTypePolicy(uow.repos);
  }

  async list(ctx: RequestContext, q: ProductTypeListQuery): Promise<Page<ProductTypeRow>> {
    return paged(() => this.uow.repos.productTypes.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  async get(ctx: RequestContext, id: number): Promise<{ productType: ProductTypeRow; role: ProductRole }> {
    const productType = await this.uow.repos.productTypes.findById(id);
    if (!productType) throw notFound('Product type', id);
    const role = await this.policy.authorize(ctx.actor, 'read', productType);
    return { productType, role };
  }

  async create(ctx: RequestContext, input: ProductTypeInput): Promise<ProductTypeRow> {
    adminPolicy.authorize(ctx.actor, 'create', 'product_type');
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.productTypes.insert({
          name: input.name,
          description: input.description ?? '',
          critical_product: input.criticalProduct ?? false,
          key_product: input.keyProduct ?? false,
        });
        await audit(repos, ctx, 'create', 'product_type', row.id, undefined, row);
        await publish(repos, {
          type: 'product_type.added',
          topics: [topic.productType(row.id)],
          actorId: ctx.actor.userId,
          payload: { productTypeId: row.id, name: row.name },
        });
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A product type named "${input.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<ProductTypeInput>): Promise<ProductTypeRow> {
    const { productType } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'update', productType);
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.productTypes.update(id, {
          name: input.name,
          description: input.description,
          critical_product: input.criticalProduct,
          key_product: input.keyProduct,
        });
        if (!row) throw notFound('Product type', id);
        await audit(repos, ctx, 'update', 'product_type', id, productType, row);
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A product type named "${input.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { productType } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'delete', productType);
    await this.uow.transaction(async (repos) => {
      const n = await repos.productTypes.countProducts(id);
      if (n > 0)
        throw new AppError('CONFLICT', `Product type ${id} still holds ${n} product(s); delete or move them first`);
      await repos.productTypes.delete(id);
      await audit(repos, ctx, 'delete', 'product_type', id, productType);
    });
  }
}
