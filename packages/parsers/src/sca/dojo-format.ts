/**
 * Formatting rules DefectDojo's (Python) parsers apply when they build titles, reproduced so that
 * titles — and therefore hash codes — match findings imported by DefectDojo.
 */

/** Python's str() of an optional value: a missing value prints as "None". */
export function pyStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

/** Python's str.title(): first letter of each word upper-case, the rest lower-case. */
export function pyTitle(value: string): string {
  return value.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Python's str.capitalize(). */
export function pyCapitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

/** Python's textwrap.shorten(text, width): collapse whitespace, cut at a word boundary, add " [...]". */
export function shorten(text: string, width = 150): string {
  const words = text.split(/\s+/).filter(Boolean);
  const collapsed = words.join(' ');
  if (collapsed.length <= width) return collapsed;
  const placeholder = ' [...]';
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length + placeholder.length > width) break;
    line = next;
  }
  if (!line) return (words[0] ?? '').slice(0, width - placeholder.length) + placeholder;
  return line + placeholder;
}
