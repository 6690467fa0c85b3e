import type { Engagement } from '@vigil/contract';
import type { EngagementRow, ProductRole } from '@vigil/db';
import { abilitiesFor } from '../access/abilities.ts';

export function presentEngagement(row: EngagementRow, role?: ProductRole | null): Engagement {
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    description: row.description,
    targetStart: row.target_start,
    targetEnd: row.target_end,
    status: row.status,
    engagementType: row.engagement_type,
    version: row.version,
    branchTag: row.branch_tag,
    commitHash: row.commit_hash,
    buildId: row.build_id,
    sourceCodeManagementUri: row.source_code_management_uri,
    leadId: row.lead_id,
    deduplicationOnEngagement: row.deduplication_on_engagement,
    tags: row.tags,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(role !== undefined ? { role, abilities: abilitiesFor(role, 'engagement') } : {}),
  };
}
