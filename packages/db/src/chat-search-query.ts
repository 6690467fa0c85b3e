/**
 * The text handed to websearch_to_tsquery, made safe to parse. PostgreSQL's query parser keeps
 * pending operators on a fixed stack of 32 entries, and every `-` read where a word is expected
 * pushes a NOT: a run of them with no word in between (`-----…`, `- - -`, `-"-"-"`) overflows it
 * ("tsquery stack too small", which was a 500). Here a `-` stays only where it means something:
 * inside a word (`foo-bar`) or right before a word or quoted phrase after a space (`-word`,
 * `-"a phrase"`), at most MAX_NEGATIONS of those; every other `-` becomes a space.
 */
export const MAX_NEGATIONS = 16;

const WORD = /[\p{L}\p{N}]/u;

export function chatSearchText(query: string): string {
  let negations = 0;
  let out = '';
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c !== '-') {
      out += c;
      continue;
    }
    const prev = i > 0 ? query[i - 1] : ' ';
    const next = query[i + 1] ?? ' ';
    const inWord = WORD.test(prev) && WORD.test(next);
    const negation = /\s/.test(prev) && (WORD.test(next) || next === '"') && negations < MAX_NEGATIONS;
    if (negation) negations++;
    out += inWord || negation ? '-' : ' ';
  }
  return out;
}
