import { decodeXmlText } from './xml.ts';

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
  hellip: '…',
  ndash: '–',
  mdash: '—',
};

/**
 * Scanner HTML fragments (ZAP/Burp/Qualys descriptions) to readable plain text, roughly as
 * html2text does: paragraphs and line breaks become newlines, list items become "* ", links keep
 * their target, other tags are dropped, entities decoded. Never executes or resolves anything.
 */
export function htmlToText(html: string | undefined | null): string | undefined {
  if (html === undefined || html === null) return undefined;
  let text = String(html)
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<a\b[^>]*\bhref\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a\s*>/gi, (_, href: string, label: string) => {
      const inner = label.replace(/<[^>]+>/g, '').trim();
      return inner && inner !== href ? `[${inner}](${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n* ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|table|tr|pre|blockquote)\s*>/gi, '\n\n')
    .replace(/<(p|div|h[1-6]|ul|ol|table|tr|pre|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  text = text.replace(/&([a-z]+);/gi, (m, name: string) => NAMED[name.toLowerCase()] ?? m);
  text = decodeXmlText(text);
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
