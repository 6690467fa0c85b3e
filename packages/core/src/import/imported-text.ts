import type { Truncations } from '@vigil/contract';
import { withoutCutMarks, type ParsedFinding } from '@vigil/parsers';
import { FINDING_LIMITS } from '../finding/finding-limits.ts';

/** The note that ends a long text the import cut: how long the report's text was. */
export function truncationMarker(originalChars: number): string {
  return `\n\n[truncated by Vigil: ${originalChars.toLocaleString('en-US')} characters; the original report is kept]`;
}

/** Findings with a field cut and the count per field: the import's answer reports them (the contract's shape). */
export type { Truncations } from '@vigil/contract';

export const noTruncations = (): Truncations => ({ findings: 0, fields: {} });

/**
 * Cuts a value to `max` characters. Long texts (`marked`) end with the truncation marker, the whole
 * staying within `max`; short fields (title, names, paths, ids) are cut silently, and only counted.
 * A value the streaming scanner already cut (its cut marks) counts what it dropped.
 */
function capped(value: string, max: number, marked: boolean): { value: string; cut: boolean } {
  const { text, dropped } = withoutCutMarks(value);
  if (text.length <= max && dropped === 0) return { value: text, cut: false };
  if (!marked) return { value: text.slice(0, max), cut: true };
  const marker = truncationMarker(text.length + dropped);
  return { value: text.slice(0, Math.max(0, max - marker.length)) + marker, cut: true };
}

type TextField = 'description' | 'mitigation' | 'impact' | 'references';
const LONG_TEXTS: TextField[] = ['description', 'mitigation', 'impact', 'references'];
const SHORT_TEXTS = {
  title: FINDING_LIMITS.title,
  cvssv3: FINDING_LIMITS.cvssv3,
  cvssv4: FINDING_LIMITS.cvssv4,
  filePath: FINDING_LIMITS.filePath,
  componentName: FINDING_LIMITS.componentName,
  componentVersion: FINDING_LIMITS.componentVersion,
  uniqueIdFromTool: FINDING_LIMITS.uniqueIdFromTool,
  vulnIdFromTool: FINDING_LIMITS.vulnIdFromTool,
  purl: FINDING_LIMITS.location.purl,
} as const;

/**
 * A parsed finding with every field within the API's limits, before it is hashed and stored, so a
 * re-hash from the stored fields gives the same hash. Counts what it cut into `into`.
 */
export function capFinding(f: ParsedFinding, into: Truncations): ParsedFinding {
  let out: ParsedFinding | undefined;
  let anyCut = false;
  const set = <K extends keyof ParsedFinding>(key: K, value: ParsedFinding[K], cut: boolean) => {
    if (value === f[key]) return;
    out ??= { ...f };
    out[key] = value;
    if (!cut) return;
    anyCut = true;
    into.fields[key] = (into.fields[key] ?? 0) + 1;
  };
  for (const key of LONG_TEXTS) {
    const v = f[key];
    if (typeof v === 'string') {
      const c = capped(v, FINDING_LIMITS.longText, true);
      set(key, c.value, c.cut);
    }
  }
  for (const [key, max] of Object.entries(SHORT_TEXTS) as Array<[keyof typeof SHORT_TEXTS, number]>) {
    const v = f[key];
    if (typeof v === 'string') {
      const c = capped(v, max, false);
      set(key, c.value, c.cut);
    }
  }
  const ids = capList(f.vulnerabilityIds, FINDING_LIMITS.vulnerabilityId, FINDING_LIMITS.vulnerabilityIdCount);
  if (ids) set('vulnerabilityIds', ids.values, ids.cut);
  const tags = capList(f.tags, FINDING_LIMITS.tag, FINDING_LIMITS.tagCount);
  if (tags) set('tags', tags.values, tags.cut);
  if (anyCut) into.findings++;
  return out ?? f;
}

function capList(
  list: string[] | undefined,
  max: number,
  count: number,
): { values: string[]; cut: boolean } | undefined {
  if (!list || (list.length <= count && list.every((v) => v.length <= max && !v.includes('\u0000')))) return undefined;
  let cut = list.length > count;
  const values = list.slice(0, count).map((v) => {
    const c = capped(v, max, false);
    cut ||= c.cut;
    return c.value;
  });
  return { values, cut };
}
