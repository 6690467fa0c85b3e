import { parse } from 'csv-parse/sync';
import { ParseError } from '../parser.ts';

/** Parses a CSV with a header row into records keyed by header; errors name the line. */
export function parseCsv(input: Buffer | string, what = 'CSV report'): Record<string, string>[] {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.trim() === '') throw new ParseError(`${what} is empty`, { offset: 0 });
  try {
    return parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (err) {
    const e = err as Error & { lines?: number; column?: number };
    throw new ParseError(`Malformed ${what}: ${e.message}`, { line: e.lines });
  }
}

/** Case-insensitive header lookup. */
export function pick(record: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    if (record[name] !== undefined) return record[name];
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return record[key];
  }
  return undefined;
}
