import { ParseError } from '../parser.ts';

/** JSON.parse with a ParseError that names the line and column where parsing stopped. */
export function parseJson(input: Buffer | string, what = 'JSON report'): unknown {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ParseError(`${what} is empty`, { offset: 0 });
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : (offsetFromExcerpt(body, message) ?? body.length);
    throw new ParseError(`Malformed ${what}: ${message}`, positionOf(body, offset));
  }
}

/** Parses JSON Lines (one object per non-empty line). */
export function parseJsonLines(input: Buffer | string, what = 'JSONL report'): unknown[] {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const out: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch (err) {
      throw new ParseError(`Malformed ${what} at line ${i + 1}: ${(err as Error).message}`, { line: i + 1 });
    }
  }
  return out;
}

/**
 * Node 20's V8 names no position for some errors ("Unexpected token 'o', ...\"[ oops ]\"... is not
 * valid JSON"): find the quoted excerpt in the text, then the unexpected token inside it.
 */
function offsetFromExcerpt(body: string, message: string): number | undefined {
  const token = /Unexpected token '(.)'/.exec(message)?.[1];
  const excerpt = /"(?:\.\.\.)?([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message)?.[1];
  if (!excerpt) return undefined;
  const at = body.indexOf(excerpt);
  if (at < 0) return undefined;
  const inner = token ? excerpt.indexOf(token) : -1;
  return at + Math.max(inner, 0);
}

export function positionOf(text: string, offset: number): { line: number; column: number; offset: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: offset - lastNl, offset };
}

/** Asserts a parsed JSON value is an object, with a ParseError naming the path otherwise. */
export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError(`Expected an object at ${path}`, { path });
  }
  return value as Record<string, unknown>;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ParseError(`Expected an array at ${path}`, { path });
  return value;
}
