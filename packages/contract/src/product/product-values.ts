// The product's value lists, without zod: the web app imports them at run time (through
// @vigil/contract/values); product.contract.ts builds its schemas from them.

/** What a caller may do to a product (core/src/access/abilities.ts says which role each needs). */
export const PRODUCT_ABILITIES = [
  'read',
  'update',
  'delete',
  'manage_members',
  'add_engagement',
  'import',
  'accept_risk',
] as const;
export type ProductAbility = (typeof PRODUCT_ABILITIES)[number];

/** DefectDojo's letter grade from the worst open severity (core/src/product/product-grade.ts). */
export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

export const BUSINESS_CRITICALITIES = ['very high', 'high', 'medium', 'low', 'very low', 'none'] as const;
export type BusinessCriticality = (typeof BUSINESS_CRITICALITIES)[number];
export const PLATFORMS = ['web service', 'desktop', 'iot', 'mobile', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const LIFECYCLES = ['construction', 'production', 'retirement'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const PRODUCT_SORTS = ['name', '-name', 'id', '-id', 'created', '-created'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
