import { parse } from 'csv-parse/sync';
import { ParseError } from '../parser.ts';

/** The delimiter of a CSV export guessed from its header line: ";" when it has one, else ",". */
export function sniffDelimiter(text: string): ',' | ';' {
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',')
    ? ';'
    : firstLine.includes(';') && firstLine.split(';').length > firstLine.split(',').length
      ? ';'
      : ',';
}

/**
 * parseCsv with a chosen (or sniffed) delimiter and raw header names kept, for exports written with
 * ";" (European locales). Values are trimmed; errors name the line.
 */
export function parseCsvDelimited(
  input: Buffer | string,
  what = 'CSV report',
  delimiter?: string,
): Record<string, string>[] {
  const raw = typeof input === 'string' ? input : input.toString('utf8');
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') throw new ParseError(`${what} is empty`, { offset: 0 });
  try {
    return parse(text, {
      columns: true,
      delimiter: delimiter ?? sniffDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: false,
      trim: true,
    }) as Record<string, string>[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ParseError(`Malformed ${what}: ${e.message}`, { line: e.lines });
  }
}

/** First header (exact name) present in the record, like Python's row.get(a, row.get(b, ...)). */
export function firstPresent(record: Record<string, string>, names: string[], fallback?: string): string | undefined {
  for (const name of names) if (Object.hasOwn(record, name)) return record[name];
  return fallback;
}
