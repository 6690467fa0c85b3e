import type { Selectable } from 'kysely';
import type { FindingLocationsTable } from '@vigil/db';
import type { FindingLocation } from '@vigil/contract';

export function presentLocation(l: Selectable<FindingLocationsTable>): FindingLocation {
  return {
    id: l.id,
    kind: l.kind,
    protocol: l.protocol,
    host: l.host,
    port: l.port,
    path: l.path,
    query: l.query,
    purl: l.purl,
    mitigated: l.mitigated,
  };
}
