import type { Test } from '@vigil/contract';
import type { ProductRole, TestRow } from '@vigil/db';
import { abilitiesFor } from '../access/abilities.ts';

export function presentTest(row: TestRow & { product_id?: number }, role?: ProductRole | null): Test {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    productId: row.product_id,
    scanType: row.scan_type,
    title: row.title,
    description: row.description,
    environment: row.environment,
    targetStart: row.target_start.toISOString(),
    targetEnd: row.target_end.toISOString(),
    version: row.version,
    buildId: row.build_id,
    commitHash: row.commit_hash,
    branchTag: row.branch_tag,
    leadId: row.lead_id,
    tags: row.tags,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(role !== undefined ? { role, abilities: abilitiesFor(role, 'test') } : {}),
  };
}
