/** `@username` not preceded by a word character, `@` or `.` (so emails are not mentions). */
const MENTION = /(^|[^\w@.])@([A-Za-z0-9_][A-Za-z0-9_.+-]{0,149})/g;

/** Distinct usernames mentioned in a message, at most `max`, trailing dots trimmed. */
export function mentionedUsernames(body: string, max = 20): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    names.add(m[2].replace(/\.+$/, ''));
    if (names.size >= max) break;
  }
  return [...names];
}

/** Wraps mentions of known users in rendered HTML, touching text only (never inside a tag). */
export function highlightMentions(html: string, usernames: string[]): string {
  if (!usernames.length) return html;
  const known = new Set(usernames);
  return html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith('<')
        ? part
        : part.replace(MENTION, (all, lead: string, name: string) =>
            known.has(name) ? `${lead}<span class="mention">@${name}</span>` : all,
          ),
    )
    .join('');
}
