import type { Selectable } from 'kysely';
import type { FindingLocationsTable } from '@vigil/db';

export function presentLocation(l: Selectable<FindingLocationsTable>) {
  return { id: l.id, kind: l.kind, protocol: l.protocol, host: l.host, port: l.port, path: l.path, query: l.query, purl: l.purl, mitigated: l.mitigated };
}
