// A bounded memo of parsed versions. Advisory ranges and package inventories repeat the same few
// version strings many times, so containment checks mostly hit the cache instead of re-parsing.

const DEFAULT_LIMIT = 50_000;

/** Remembers up to `limit` parses; when full it starts over (cheaper than tracking recency). */
export class ParseCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly parseUncached: (text: string) => V,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  get(text: string): V {
    const hit = this.entries.get(text);
    if (hit !== undefined) return hit;
    const parsed = this.parseUncached(text);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(text, parsed);
    return parsed;
  }
}
