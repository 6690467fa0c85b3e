// The roles held on product types and products, weakest first, declared once without zod: the
// database's membership column, core's role table (core/src/access/) and the API's `role` fields
// all use this list, and the web app imports it at run time through @vigil/contract/values.

export const PRODUCT_ROLES = ['Reader', 'Writer', 'Maintainer', 'Owner'] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];
