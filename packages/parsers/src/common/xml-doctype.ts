import { ParseError } from '../parser.ts';
import { parseXml, type XmlOptions } from './xml.ts';

/**
 * Some scanners write a harmless DOCTYPE into every report (Burp's `<!DOCTYPE issues [<!ELEMENT ...>]>`,
 * nmap's `<!DOCTYPE nmaprun>`). parseXml refuses any DOCTYPE; this helper removes one DOCTYPE from the
 * prolog first, but only when it declares no entity (no XXE, no billion laughs) and names no external
 * DTD (SYSTEM/PUBLIC) — unless the caller allows an external DTD reference for a given root element,
 * which is then dropped unread (nothing is ever fetched). Anything else is refused with a ParseError.
 */
export interface DoctypeOptions {
  /** Root element names whose DOCTYPE may reference an external DTD (it is never loaded). */
  allowExternalDtdFor?: string[];
}

function blankOut(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Index just past the end of the DOCTYPE that starts at `start`, honouring quotes, comments and `[...]`. */
function doctypeEnd(text: string, start: number): number {
  let i = start + '<!DOCTYPE'.length;
  let inSubset = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (inSubset && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    if (ch === '[' && !inSubset) inSubset = true;
    else if (ch === ']' && inSubset) inSubset = false;
    else if (ch === '>' && !inSubset) return i + 1;
    i++;
  }
  throw new ParseError('Malformed XML: unterminated DOCTYPE declaration', { offset: start });
}

/**
 * Returns the text with a safe DOCTYPE blanked out (line numbers kept); throws ParseError otherwise.
 * Run escapeCdataSections first when CDATA may hold markup (parseXmlWithDoctype does).
 */
export function stripSafeDoctype(text: string, opts: DoctypeOptions = {}): string {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return text;
  const firstElement = text
    .slice(0, start)
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '')
    .search(/<[A-Za-z_]/);
  if (firstElement >= 0) {
    throw new ParseError('XML DOCTYPE after the root element is not accepted', { offset: start });
  }
  const end = doctypeEnd(text, start);
  const decl = text.slice(start, end);
  if (/<!ENTITY/i.test(decl)) {
    throw new ParseError('XML DOCTYPE declares entities (external entities and entity expansion are refused)', {
      offset: start,
    });
  }
  const head = decl.split('[')[0];
  const root = /^<!DOCTYPE\s+([^\s[>]+)/i.exec(head)?.[1] ?? '';
  if (/\b(SYSTEM|PUBLIC)\b/.test(head) && !(opts.allowExternalDtdFor ?? []).includes(root)) {
    throw new ParseError('XML DOCTYPE references an external DTD (refused)', { offset: start });
  }
  const rest = text.slice(end);
  const again = rest.search(/<!DOCTYPE|<!ENTITY/i);
  if (again >= 0) {
    throw new ParseError('XML with a second DOCTYPE or an entity declaration is not accepted', { offset: end + again });
  }
  return text.slice(0, start) + blankOut(decl) + rest;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Rewrites CDATA sections as escaped character data, so markup-looking payloads inside them
 * (an HTTP response body with `<!DOCTYPE html>`) are plain text to the safe parser; textOf decodes them back.
 */
export function escapeCdataSections(text: string): string {
  if (!text.includes('<![CDATA[')) return text;
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, body: string) => escapeText(body));
}

/** parseXml for reports that may carry a harmless DOCTYPE and CDATA sections. */
export function parseXmlWithDoctype(
  input: Buffer | string,
  opts: XmlOptions = {},
  what = 'XML report',
  doctype: DoctypeOptions = {},
): Record<string, unknown> {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.trim() === '') throw new ParseError(`${what} is empty`, { offset: 0 });
  let stripped: string;
  try {
    stripped = stripSafeDoctype(escapeCdataSections(text), doctype);
  } catch (err) {
    if (err instanceof ParseError) throw new ParseError(`${what}: ${err.message}`, err.position);
    throw err;
  }
  return parseXml(stripped, opts, what);
}
