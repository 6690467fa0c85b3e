import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_IMPORT_LIMITS } from '@vigil/core';
import { DEFAULT_JOBS_CONFIG } from '@vigil/jobs';
import type { ServicesConfig } from '../../apps/server/src/runtime/services.ts';
import { DEFAULT_NOTIFICATION_CONFIG } from '../../apps/server/src/config/notification.config.ts';
import { DEFAULT_VULNDB_CONFIG } from '../../apps/server/src/config/vulndb.config.ts';

/**
 * The services' configuration for tests and benchmarks: a fresh random secret key, a temporary
 * artifact directory and the defaults, with `overrides` (undefined values left out) on top.
 * Production wiring (createServices) has no fallbacks; these live here.
 */
export function testServicesConfig(overrides: Partial<ServicesConfig> = {}): ServicesConfig {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, v]) => v !== undefined),
  ) as Partial<ServicesConfig>;
  return {
    sessionTtlSeconds: 3600,
    loginMaxFailures: 10,
    loginWindowSeconds: 900,
    artifactDir: join(tmpdir(), 'vigil-artifacts'),
    importMaxBytes: DEFAULT_IMPORT_LIMITS.maxBytes,
    dedup: DEFAULT_DEDUP_SETTINGS,
    secretKey: randomBytes(32),
    notifications: DEFAULT_NOTIFICATION_CONFIG,
    jobs: DEFAULT_JOBS_CONFIG,
    vulndb: DEFAULT_VULNDB_CONFIG,
    ...defined,
  };
}
