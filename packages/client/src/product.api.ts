import type {
  CreateProductRequest,
  CreateProductTypeRequest,
  Membership,
  Product,
  ProductListFilters,
  ProductType,
  ProductTypeListFilters,
  UpdateProductRequest,
  UpdateProductTypeRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

// Products, product types and their memberships are the API contract's shapes
// (packages/contract/src/{product,product-type,membership}/), imported as types only: no zod in
// the web bundle. Value lists (abilities, grades, criticalities, …) come from @vigil/contract/values.
export {
  BUSINESS_CRITICALITIES,
  GRADES,
  LIFECYCLES,
  PLATFORMS,
  PRODUCT_ABILITIES,
  PRODUCT_ROLES,
  PRODUCT_TYPE_ABILITIES,
} from '@vigil/contract/values';
export type {
  BusinessCriticality,
  Grade,
  Lifecycle,
  Membership,
  OpenFindingCounts,
  Platform,
  Product,
  ProductAbility,
  ProductRole,
  ProductType,
  ProductTypeAbility,
} from '@vigil/contract';
export type ProductInput = CreateProductRequest;
export type ProductTypeInput = CreateProductTypeRequest;

/** The product type list's filters as the client sends them. */
export type ListQuery = PageQuery & Partial<Pick<ProductTypeListFilters, 'search' | 'sort'>>;
/** The product list's filters as the client sends them. */
export type ProductListQuery = PageQuery & Partial<Omit<ProductListFilters, 'limit' | 'cursor'>>;

export function productTypeApi(http: HttpClient) {
  return {
    list: (q: ListQuery = {}) => http.get<Page<ProductType>>('/api/v1/product-types', { ...q }),
    get: (id: number) => http.get<ProductType>(`/api/v1/product-types/${id}`),
    create: (body: ProductTypeInput) => http.post<ProductType>('/api/v1/product-types', body),
    update: (id: number, body: UpdateProductTypeRequest) =>
      http.patch<ProductType>(`/api/v1/product-types/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/product-types/${id}`),
  };
}

export function productApi(http: HttpClient) {
  return {
    list: (q: ProductListQuery = {}) => http.get<Page<Product>>('/api/v1/products', { ...q }),
    get: (id: number) => http.get<Product>(`/api/v1/products/${id}`),
    create: (body: ProductInput) => http.post<Product>('/api/v1/products', body),
    update: (id: number, body: UpdateProductRequest) => http.patch<Product>(`/api/v1/products/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/products/${id}`),
    members: (id: number) => http.get<ItemList<Membership>>(`/api/v1/products/${id}/members`),
  };
}
