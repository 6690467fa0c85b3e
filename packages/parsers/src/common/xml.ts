import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../parser.ts';

/**
 * Safe XML: a document with a DOCTYPE is refused outright (no external entities, no entity
 * expansion), and fast-xml-parser runs with entity processing off.
 */
export function rejectDoctype(text: string): void {
  const head = text.slice(0, 4096);
  const idx = head.search(/<!DOCTYPE/i);
  const anywhere = idx >= 0 ? idx : text.search(/<!DOCTYPE|<!ENTITY/i);
  if (anywhere >= 0) {
    throw new ParseError(
      'XML with a DOCTYPE or entity declarations is not accepted (external entities and entity expansion are refused)',
      {
        offset: anywhere,
      },
    );
  }
}

export interface XmlOptions {
  /** Element names that must always be arrays even when they occur once. */
  arrays?: string[];
}

/** Parses XML into plain objects: attributes as "@_name", text as "#text". */
export function parseXml(input: Buffer | string, opts: XmlOptions = {}, what = 'XML report'): Record<string, unknown> {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.trim() === '') throw new ParseError(`${what} is empty`, { offset: 0 });
  rejectDoctype(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ParseError(`Malformed ${what}: ${valid.err.msg}`, { line: valid.err.line, column: valid.err.col });
  }
  const arrays = new Set(opts.arrays ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ParseError(`Malformed ${what}: ${(err as Error).message}`);
  }
}

/** Decodes the five predefined XML entities and numeric character references (safe: no expansion). */
export function decodeXmlText(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text of an element that may be a string, {#text}, or absent; entities decoded. */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return decodeXmlText(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in (node as object))
    return decodeXmlText(String((node as Record<string, unknown>)['#text']));
  return undefined;
}

/** Normalizes "one or many" XML children to an array. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
