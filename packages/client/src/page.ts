/** One keyset page: pass `nextCursor` back as `cursor` to get the next one; null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface ItemList<T> {
  items: T[];
}
