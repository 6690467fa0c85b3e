/** Small, format-independent conversions used by many parsers. */

/** "CWE-79", "79", 79, "CWE-79: XSS" → 79. */
export function parseCwe(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const m = /(\d+)/.exec(String(value));
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function toInt(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number.parseInt(String(value), 10);
  return Number.isFinite(n) ? n : undefined;
}

export function toFloat(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number.parseFloat(String(value));
  return Number.isFinite(n) ? n : undefined;
}

/** Truncates to a max length (titles are ≤ 511 characters in storage). */
export function clip(value: string | undefined, max = 511): string | undefined {
  if (value === undefined) return undefined;
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** YYYY-MM-DD from a date-ish string, or undefined when it is not a date. */
export function isoDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().slice(0, 10);
}

/** Removes undefined/empty entries and duplicates while keeping order. */
export function uniqueStrings(values: Array<string | undefined | null>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (!s || seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}
