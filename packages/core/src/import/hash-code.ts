import { createHash } from 'node:crypto';
import type { HashField, ParsedEndpoint, ParsedFinding } from '@vigil/parsers';

/** The fields DefectDojo's legacy algorithm compares, used when a parser asks for 'legacy'. */
export const LEGACY_HASH_FIELDS: HashField[] = ['title', 'cwe', 'line', 'filePath', 'description'];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function endpointText(e: ParsedEndpoint): string {
  if (e.url) return e.url.trim().toLowerCase();
  const port = e.port ? `:${e.port}` : '';
  return `${e.protocol ? `${e.protocol}://` : ''}${e.host ?? ''}${port}${e.path ?? ''}`.toLowerCase();
}

function fieldText(f: ParsedFinding, field: HashField): string {
  switch (field) {
    case 'vulnerabilityIds':
      return [...new Set((f.vulnerabilityIds ?? []).map((v) => v.trim().toUpperCase()))].sort().join(',');
    case 'endpoints':
      return [...new Set((f.endpoints ?? []).map(endpointText))].sort().join(',');
    default: {
      const v = f[field];
      return v === undefined || v === null ? '' : squash(String(v));
    }
  }
}

/**
 * DefectDojo-style hash_code: sha256 over the configured fields of a finding, each normalized
 * (whitespace collapsed, id lists de-duplicated and sorted, endpoints lower-cased and sorted),
 * joined with '|' so adjacent fields cannot run together.
 */
export function computeHashCode(f: ParsedFinding, fields: readonly HashField[]): string {
  const text = fields.map((field) => fieldText(f, field)).join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
