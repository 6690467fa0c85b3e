import type { FindingTemplate } from '@vigil/contract';
import type { FindingTemplateRow } from '@vigil/db';

export function presentFindingTemplate(r: FindingTemplateRow): FindingTemplate {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    description: r.description,
    mitigation: r.mitigation,
    impact: r.impact,
    references: r.references,
    cwe: r.cwe,
    vulnerabilityIds: r.vulnerability_ids,
    tags: r.tags,
  };
}
