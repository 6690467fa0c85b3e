import type { HttpClient } from './http-client.ts';
import type { Page, PageQuery } from './page.ts';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';
export type ProductAbility =
  | 'read'
  | 'update'
  | 'delete'
  | 'manage_members'
  | 'add_engagement'
  | 'import'
  | 'accept_risk';

export interface ProductType {
  id: number;
  name: string;
  description: string | null;
  criticalProduct: boolean;
  keyProduct: boolean;
  createdAt: string;
  updatedAt: string;
  role?: string | null;
  abilities?: string[];
}

export interface OpenFindingCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

export interface Product {
  id: number;
  name: string;
  description: string | null;
  productTypeId: number;
  slaConfigurationId: number | null;
  businessCriticality: string | null;
  platform: string | null;
  lifecycle: string | null;
  origin: string | null;
  tags: string[];
  openFindings: OpenFindingCounts;
  grade: Grade;
  createdAt: string;
  updatedAt: string;
  role?: string | null;
  abilities?: ProductAbility[];
}

export interface ProductTypeInput {
  name: string;
  description?: string;
  criticalProduct?: boolean;
  keyProduct?: boolean;
}

export interface ProductInput {
  name: string;
  productTypeId: number;
  description?: string;
  slaConfigurationId?: number;
  businessCriticality?: string | null;
  platform?: string | null;
  lifecycle?: string | null;
  origin?: string | null;
  tags?: string[];
}

export interface ListQuery extends PageQuery {
  search?: string;
  sort?: string;
}

export function productTypeApi(http: HttpClient) {
  return {
    list: (q: ListQuery = {}) => http.get<Page<ProductType>>('/api/v1/product-types', { ...q }),
    get: (id: number) => http.get<ProductType>(`/api/v1/product-types/${id}`),
    create: (body: ProductTypeInput) => http.post<ProductType>('/api/v1/product-types', body),
    update: (id: number, body: Partial<ProductTypeInput>) =>
      http.patch<ProductType>(`/api/v1/product-types/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/product-types/${id}`),
  };
}

/** A role held on a product or product type, by a user or a team. */
export interface Membership {
  id: number;
  userId: number | null;
  username: string | null;
  teamId: number | null;
  teamName: string | null;
  productId: number | null;
  productTypeId: number | null;
  role: 'Reader' | 'Writer' | 'Maintainer' | 'Owner';
}

export function productApi(http: HttpClient) {
  return {
    list: (q: ListQuery & { productTypeId?: number; tag?: string } = {}) =>
      http.get<Page<Product>>('/api/v1/products', { ...q }),
    get: (id: number) => http.get<Product>(`/api/v1/products/${id}`),
    create: (body: ProductInput) => http.post<Product>('/api/v1/products', body),
    update: (id: number, body: Partial<ProductInput>) => http.patch<Product>(`/api/v1/products/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/products/${id}`),
    members: (id: number) => http.get<{ items: Membership[] }>(`/api/v1/products/${id}/members`),
  };
}
