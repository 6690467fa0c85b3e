import { ParseError } from '../parser.ts';

/** Tolerant readers for decoded JSON: they never throw, they answer undefined for the wrong shape. */
export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings and numbers as a string; anything else undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

export function has(record: JsonRecord | undefined, key: string): boolean {
  return record !== undefined && Object.hasOwn(record, key);
}

/**
 * Runs a parser body and turns any unexpected runtime error (a report of an unexpected shape)
 * into a ParseError that names the report kind, so callers only ever see ParseError.
 */
export async function guardParse<T>(what: string, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError(`Unreadable ${what}: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** Synchronous variant of guardParse. */
export function guardParseSync<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError(`Unreadable ${what}: ${(err as Error)?.message ?? String(err)}`);
  }
}
