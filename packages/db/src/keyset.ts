import { sql, type Expression, type SqlBool } from 'kysely';

/** A page of rows plus the opaque cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SortSpec {
  /** Column expression sorted on, e.g. 'f.numerical_severity'; the id column breaks ties. */
  column: string;
  idColumn: string;
  direction: 'asc' | 'desc';
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list (it may come from another sort order)');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(sortKey: string, value: unknown, id: number): string {
  return Buffer.from(JSON.stringify([sortKey, value instanceof Date ? value.toISOString() : value, id])).toString(
    'base64url',
  );
}

export function decodeCursor(sortKey: string, cursor: string): { value: unknown; id: number } {
  try {
    const [key, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, unknown, number];
    if (key !== sortKey || typeof id !== 'number') throw new InvalidCursorError();
    return { value, id };
  } catch {
    throw new InvalidCursorError();
  }
}

/** WHERE clause that continues after the cursor row: (col, id) > (v, id) for asc, < for desc. */
export function afterCursor(spec: SortSpec, value: unknown, id: number): Expression<SqlBool> {
  const op = spec.direction === 'asc' ? sql`>` : sql`<`;
  if (spec.column === spec.idColumn) return sql<SqlBool>`${sql.ref(spec.idColumn)} ${op} ${id}`;
  return sql<SqlBool>`(${sql.ref(spec.column)}, ${sql.ref(spec.idColumn)}) ${op} (${value}, ${id})`;
}

/** Cuts the over-fetched row (limit + 1) and builds the next cursor. */
export function toPage<T extends { id: number }>(
  rows: T[],
  limit: number,
  sortKey: string,
  sortValueOf: (row: T) => unknown,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(sortKey, sortValueOf(last), last.id) : null };
}
