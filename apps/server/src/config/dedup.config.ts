import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DEDUP_SETTINGS, ZDedupSettings, type DedupSettings } from '@vigil/core';

/**
 * VIGIL_DEDUP_CONFIG: a JSON file with per-scan-type identity overrides and cross-tool matching
 * (docs/import.md, "Deduplication"). Problems are reported with the variable and the JSON path.
 */
export function loadDedupSettings(
  path: string | undefined,
  cwd: string,
): { settings: DedupSettings } | { problems: string[] } {
  if (!path) return { settings: DEFAULT_DEDUP_SETTINGS };
  const file = resolve(cwd, path);
  if (!existsSync(file)) return { problems: [`VIGIL_DEDUP_CONFIG: ${file} does not exist`] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { problems: [`VIGIL_DEDUP_CONFIG: ${file} is not valid JSON: ${(err as Error).message}`] };
  }
  const parsed = ZDedupSettings.safeParse(json);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map(
        (i) => `VIGIL_DEDUP_CONFIG (${file}) at ${i.path.join('.') || '(root)'}: ${i.message}`,
      ),
    };
  return { settings: parsed.data };
}
