// Shared request pieces (ids, query-string booleans, keyset pagination, dates, tags) are the
// contract's (packages/contract/src/common/common.contract.ts); re-exported for the routes.
export { MAX_PAGE, ZIdParams, ZPageQuery, zDate, zQueryBool, zTags } from '@vigil/contract';

export function pageOf<T, U>(page: { items: T[]; nextCursor: string | null }, present: (item: T) => U) {
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}
