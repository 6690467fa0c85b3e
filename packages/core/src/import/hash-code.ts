import { createHash } from 'node:crypto';
import type { HashableFinding } from '@vigil/db';
import type { HashField, ParsedEndpoint, ParsedFinding } from '@vigil/parsers';
import { endpointParts } from './finding-rows.ts';

/** The fields DefectDojo's legacy algorithm compares, used when a parser asks for 'legacy'. */
export const LEGACY_HASH_FIELDS: HashField[] = ['title', 'cwe', 'line', 'filePath', 'description'];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

type EndpointFields = {
  protocol?: string | null;
  host?: string | null;
  port?: number | null;
  path?: string | null;
  query?: string | null;
};

/** One text per endpoint from its stored parts, so a report's URL and its stored location hash alike. */
function endpointText(e: EndpointFields): string {
  const scheme = e.protocol ? `${e.protocol.trim()}://` : '';
  const port = e.port ? `:${e.port}` : '';
  const query = e.query ? `?${e.query.trim()}` : '';
  return `${scheme}${(e.host ?? '').trim()}${port}${(e.path ?? '').trim()}${query}`.toLowerCase();
}

/** What a hash may cover: a parsed finding, or a stored one read back for a re-hash. */
type HashSource = Omit<ParsedFinding, 'endpoints'> & { endpoints?: EndpointFields[] };

function fieldText(f: HashSource, field: HashField): string {
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

function digest(f: HashSource, fields: readonly HashField[]): string {
  const text = fields.map((field) => fieldText(f, field)).join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * DefectDojo-style hash_code: sha256 over the configured fields of a finding, each normalized
 * (whitespace collapsed, id lists de-duplicated and sorted, endpoints lower-cased and sorted),
 * joined with '|' so adjacent fields cannot run together.
 */
export function computeHashCode(f: ParsedFinding, fields: readonly HashField[]): string {
  return digest({ ...f, endpoints: (f.endpoints ?? []).map((e: ParsedEndpoint) => endpointParts(e)) }, fields);
}

/** The same hash from a stored finding (re-hash after the identity configuration changed). */
export function storedHashCode(f: HashableFinding, fields: readonly HashField[]): string {
  return digest(
    {
      title: f.title,
      severity: f.severity as ParsedFinding['severity'],
      cwe: f.cwe ?? undefined,
      vulnerabilityIds: f.vulnerability_ids,
      filePath: f.file_path ?? undefined,
      line: f.line ?? undefined,
      componentName: f.component_name ?? undefined,
      componentVersion: f.component_version ?? undefined,
      description: f.description || undefined,
      mitigation: f.mitigation || undefined,
      uniqueIdFromTool: f.unique_id_from_tool ?? undefined,
      vulnIdFromTool: f.vuln_id_from_tool ?? undefined,
      purl: f.purl ?? undefined,
      endpoints: f.endpoints,
    },
    fields,
  );
}
