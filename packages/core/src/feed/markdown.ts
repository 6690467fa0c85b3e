/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()<>"']{1,500})\)/g;

/**
 * The small markdown subset feed posts support: `code`, **bold**, *emphasis*, [text](http(s) url)
 * and line breaks. The text is escaped first and only these patterns become tags, so no HTML a user
 * writes ever reaches the page; links are http(s) only and open with rel="nofollow noopener".
 */
export function renderPostMarkdown(text: string): string {
  // Code spans are cut out first so nothing inside them is formatted.
  const codes: string[] = [];
  const withoutCode = text.replace(/\u0000/g, '').replace(/`([^`\n]+)`/g, (_m, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  let html = escapeHtml(withoutCode);
  html = html.replace(
    LINK,
    (_m, label: string, url: string) => `<a href="${url}" rel="nofollow noopener noreferrer">${label}</a>`,
  );
  html = html.replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1<em>$2</em>');
  html = html.replace(/\r?\n/g, '<br>');
  return html.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
}
