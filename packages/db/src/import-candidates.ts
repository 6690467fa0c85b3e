import { sql, type RawBuilder } from 'kysely';
import { pgArrayLiteral } from './pg-array.ts';

/** The columns deduplication and reimport read of a stored finding (FindingIdentity). */
export const IDENTITY_COLUMNS = [
  'id',
  'test_id',
  'severity',
  'hash_code',
  'unique_id_from_tool',
  'active',
  'verified',
  'duplicate',
  'false_p',
  'out_of_scope',
  'risk_accepted',
  'is_mitigated',
] as const;

/**
 * The stored findings in scope whose hash_code or unique id is one of those given (each at most
 * once, unordered): one index probe per key, (product_id|engagement_id, hash_code) and
 * (product_id, unique_id_from_tool). `OFFSET 0` keeps each probe a subquery run per key, so the
 * planner cannot turn the lookup into a scan of the whole scope (what `= ANY(array)` over a
 * product of 100,000+ findings got: a sequential scan whose cost grows with the table, not the batch).
 * An engagement's unique ids are probed through its product's index (an engagement belongs to one product).
 */
export function candidateProbes(
  scope: { productId: number } | { engagementId: number },
  hashes: string[],
  uniqueIds: string[],
  extra: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const cols = sql.join(IDENTITY_COLUMNS.map((c) => sql.ref(`f.${c}`)));
  const inScope =
    'productId' in scope ? sql`f.product_id = ${scope.productId}` : sql`f.engagement_id = ${scope.engagementId}`;
  const uidScope =
    'productId' in scope
      ? inScope
      : sql`f.product_id = (SELECT e.product_id FROM engagements e WHERE e.id = ${scope.engagementId}) AND ${inScope}`;
  const probes: RawBuilder<unknown>[] = [];
  if (hashes.length > 0) {
    probes.push(sql`SELECT p.* FROM unnest(${pgArrayLiteral(hashes)}::text[]) k(v)
      CROSS JOIN LATERAL (SELECT ${cols} FROM findings f WHERE ${inScope} AND f.hash_code = k.v ${extra} OFFSET 0) p`);
  }
  if (uniqueIds.length > 0) {
    probes.push(sql`SELECT p.* FROM unnest(${pgArrayLiteral(uniqueIds)}::text[]) k(v)
      CROSS JOIN LATERAL (SELECT ${cols} FROM findings f
        WHERE ${uidScope} AND f.unique_id_from_tool = k.v ${extra} OFFSET 0) p`);
  }
  // UNION drops a finding that both its hash and its unique id found.
  return probes.length === 1 ? probes[0] : sql.join(probes, sql` UNION `);
}
