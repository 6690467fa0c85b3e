import { z } from 'zod';
import type { VulndbSyncSource } from '@vigil/contract';

/** OSV's public bucket of per-ecosystem archives (https://google.github.io/osv.dev/data/). */
export const OSV_PUBLIC_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

const ECOSYSTEM = /^[A-Za-z][A-Za-z0-9.+ -]{0,127}$/;
/** An http(s) URL, a file: URL, or an absolute path (a mirror on disk). */
const LOCATION = /^(https?:\/\/\S+|file:\/\/\S+|\/\S*)$/;

/**
 * The vulnerability database's sync settings (docs/vulndb.md "Scheduled syncs"); parsed by loadConfig
 * with the rest of ZEnv. Nothing is synced unless configured: these machines often have no internet.
 */
export const ZVulndbEnv = z.object({
  VIGIL_VULNDB_OSV_ECOSYSTEMS: z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine(
      (list) => list.every((e) => ECOSYSTEM.test(e)),
      'must be OSV ecosystem names separated by commas (npm,PyPI)',
    )
    .default([]),
  VIGIL_VULNDB_OSV_BASE_URL: z
    .string()
    .regex(LOCATION, 'must be an http(s) or file: URL or an absolute path')
    .default(OSV_PUBLIC_BASE_URL),
  VIGIL_VULNDB_NVD_URL: z.string().regex(LOCATION, 'must be an http(s) or file: URL or an absolute path').optional(),
  /** The NVD's API key raises its rate limit from 5 to 50 requests per 30 s. */
  VIGIL_VULNDB_NVD_API_KEY: z.string().trim().min(1).max(200).optional(),
  VIGIL_VULNDB_SYNC_CRON: z
    .string()
    .refine((v) => v === 'off' || [5, 6].includes(v.trim().split(/\s+/).length), 'must be a 5-field cron or off')
    .default('off'),
});

export interface VulndbConfig {
  /** What a sync reads: one OSV archive per configured ecosystem, then NVD when configured. */
  sources: VulndbSyncSource[];
  /** When the scheduler syncs every source (UTC); 'off' = never on its own. */
  syncCron: string;
  /** Sent to the NVD's API as the apiKey header when set. */
  nvdApiKey?: string;
}

/** `<base>/<ecosystem>/all.zip`, the bucket's layout (a mirror on disk keeps it). */
export function osvArchiveLocation(base: string, ecosystem: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
}

export function vulndbConfig(e: z.infer<typeof ZVulndbEnv>): VulndbConfig {
  const osv: VulndbSyncSource[] = e.VIGIL_VULNDB_OSV_ECOSYSTEMS.map((ecosystem) => ({
    source: 'osv',
    ecosystem,
    url: osvArchiveLocation(e.VIGIL_VULNDB_OSV_BASE_URL, ecosystem),
  }));
  const nvd: VulndbSyncSource[] = e.VIGIL_VULNDB_NVD_URL ? [{ source: 'nvd', url: e.VIGIL_VULNDB_NVD_URL }] : [];
  const key = e.VIGIL_VULNDB_NVD_API_KEY === undefined ? {} : { nvdApiKey: e.VIGIL_VULNDB_NVD_API_KEY };
  return { sources: [...osv, ...nvd], syncCron: e.VIGIL_VULNDB_SYNC_CRON.trim(), ...key };
}

export const DEFAULT_VULNDB_CONFIG: VulndbConfig = vulndbConfig(ZVulndbEnv.parse({}));
