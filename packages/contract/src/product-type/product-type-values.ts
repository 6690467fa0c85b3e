// The product type's value lists, without zod (see product-values.ts).

/** What a caller may do to a product type. */
export const PRODUCT_TYPE_ABILITIES = ['read', 'update', 'delete', 'manage_members', 'add_product'] as const;
export type ProductTypeAbility = (typeof PRODUCT_TYPE_ABILITIES)[number];
export const PRODUCT_TYPE_SORTS = ['name', '-name', 'id', '-id'] as const;
