import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DEDUP_ALGORITHMS } from '@vigil/contract/values';
import type { DedupAlgorithm, HashField, Parser } from '@vigil/parsers';
import { LEGACY_HASH_FIELDS } from './hash-code.ts';

const HASH_FIELDS = [
  'title',
  'severity',
  'cwe',
  'vulnerabilityIds',
  'filePath',
  'line',
  'componentName',
  'componentVersion',
  'endpoints',
  'description',
  'uniqueIdFromTool',
  'vulnIdFromTool',
  'mitigation',
  'purl',
] as const satisfies readonly HashField[];

const ZIdentity = z
  .object({
    algorithm: z.enum(DEDUP_ALGORITHMS).optional(),
    hashFields: z.array(z.enum(HASH_FIELDS)).min(1).optional(),
  })
  .strict();

/** The deduplication file (VIGIL_DEDUP_CONFIG): per-scan-type identity overrides and cross-tool matching. */
export const ZDedupSettings = z
  .object({
    scanTypes: z.record(z.string().min(1), ZIdentity).default({}),
    crossToolMatching: z.boolean().default(false),
  })
  .strict();

export type DedupSettings = z.infer<typeof ZDedupSettings>;

export const DEFAULT_DEDUP_SETTINGS: DedupSettings = { scanTypes: {}, crossToolMatching: false };

export interface DedupIdentity {
  algorithm: DedupAlgorithm;
  /** The fields hashed (legacy resolves to its fixed list). */
  hashFields: readonly HashField[];
}

/** The identity a scan type's findings get: the parser's DefectDojo default, overridden by config. */
export function identityFor(parser: Pick<Parser, 'dedup'>, scanType: string, settings: DedupSettings): DedupIdentity {
  const key = Object.keys(settings.scanTypes).find((k) => k.toLowerCase() === scanType.toLowerCase());
  const override = key ? settings.scanTypes[key] : undefined;
  const algorithm = override?.algorithm ?? parser.dedup.algorithm;
  const hashFields = algorithm === 'legacy' ? LEGACY_HASH_FIELDS : (override?.hashFields ?? parser.dedup.hashFields);
  return { algorithm, hashFields };
}

/** A stable fingerprint of an identity: when it changes, stored hashes are stale and need a re-hash. */
export function identityFingerprint(identity: DedupIdentity): string {
  return createHash('sha256')
    .update(`${identity.algorithm}|${identity.hashFields.join(',')}`)
    .digest('hex')
    .slice(0, 16);
}
