import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../app/api-context';
import type { FindingDetail } from '@vigil/client';
import { queryKeys } from '../../app/query-keys';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {children === null || children === undefined || children === '' ? '—' : children}
      </Text>
    </div>
  );
}

const num = (v: number | null, digits = 1) => (v === null ? null : v.toFixed(digits));

export function FindingFields({ finding: f }: { finding: FindingDetail }) {
  const api = useApi();
  const product = useQuery({
    queryKey: queryKeys.products.detail(f.productId),
    queryFn: () => api.products.get(f.productId),
  });
  const engagement = useQuery({
    queryKey: queryKeys.engagements.detail(f.engagementId),
    queryFn: () => api.engagements.get(f.engagementId),
  });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md" verticalSpacing="sm">
      <Field label="Product">
        <Anchor component={Link} to={`/products/${f.productId}`}>
          {product.data?.name ?? `#${f.productId}`}
        </Anchor>
      </Field>
      <Field label="Engagement">
        <Anchor component={Link} to={`/engagements/${f.engagementId}`}>
          {engagement.data?.name ?? `#${f.engagementId}`}
        </Anchor>
      </Field>
      <Field label="Test">#{f.testId}</Field>
      <Field label="Date">{f.date}</Field>
      <Field label="CWE">{f.cwe ? `CWE-${f.cwe}` : null}</Field>
      <Field label="Vulnerability ids">{f.vulnerabilityIds.join(', ')}</Field>
      <Field label="CVSS v3">{f.cvssv3Score !== null ? `${num(f.cvssv3Score)} ${f.cvssv3 ?? ''}` : f.cvssv3}</Field>
      <Field label="CVSS v4">{f.cvssv4Score !== null ? `${num(f.cvssv4Score)} ${f.cvssv4 ?? ''}` : f.cvssv4}</Field>
      <Field label="EPSS">
        {f.epssScore !== null ? `${num(f.epssScore * 100, 2)}% (p${num((f.epssPercentile ?? 0) * 100, 0)})` : null}
      </Field>
      <Field label="Component">{[f.componentName, f.componentVersion].filter(Boolean).join(' ')}</Field>
      <Field label="File">{f.filePath ? `${f.filePath}${f.line !== null ? `:${f.line}` : ''}` : null}</Field>
      <Field label="Tool ids">{[f.uniqueIdFromTool, f.vulnIdFromTool].filter(Boolean).join(' / ')}</Field>
      <Field label="Occurrences">{f.occurrences}</Field>
      <Field label="Hash code">{f.hashCode ? `${f.hashCode.slice(0, 16)}…` : null}</Field>
      <Field label="Assignee">{f.assigneeId ? `user #${f.assigneeId}` : null}</Field>
      <Field label="Tags">{f.tags.join(', ')}</Field>
      <Field label="SLA start">{f.slaStartDate}</Field>
      <Field label="SLA due">{f.slaExpirationDate}</Field>
      <Field label="Mitigated at">{f.mitigatedAt ? new Date(f.mitigatedAt).toLocaleString() : null}</Field>
      <Field label="Last status change">{new Date(f.lastStatusUpdate).toLocaleString()}</Field>
    </SimpleGrid>
  );
}
