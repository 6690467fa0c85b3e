import { renderPostMarkdown } from './markdown.ts';

const MAX_ENTRIES = 5000;
const rendered = new Map<string, string>();

/**
 * renderPostMarkdown, remembered by text: every reader of a timeline is sent the same newest posts,
 * and rendering was a tenth of the server's time per timeline page. Keyed by the text itself, so
 * an entry can never be stale; the least recently used entry goes first when the cache is full.
 */
export function renderPostHtml(text: string): string {
  const hit = rendered.get(text);
  if (hit !== undefined) {
    rendered.delete(text);
    rendered.set(text, hit);
    return hit;
  }
  const html = renderPostMarkdown(text);
  if (rendered.size >= MAX_ENTRIES) rendered.delete(rendered.keys().next().value as string);
  rendered.set(text, html);
  return html;
}
