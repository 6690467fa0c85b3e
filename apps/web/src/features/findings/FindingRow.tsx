import { Anchor, Badge, Checkbox, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { FindingSummary } from '@vigil/client';
import { SeverityBadge } from '../../components/SeverityBadge';
import { visibleColumns, gridTemplate, type FindingColumnKey } from './finding-columns';
import { findingStatus } from './finding-status';

const cell: React.CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  padding: '0 6px',
};

export function FindingRow({
  finding: f,
  selected,
  onToggle,
  wide,
  productName,
}: {
  finding: FindingSummary;
  selected: boolean;
  onToggle: (id: number) => void;
  wide: boolean;
  productName?: string;
}) {
  const status = findingStatus(f);
  const content: Record<FindingColumnKey, React.ReactNode> = {
    select: (
      <Checkbox size="xs" checked={selected} onChange={() => onToggle(f.id)} aria-label={`Select finding ${f.id}`} />
    ),
    severity: <SeverityBadge severity={f.severity} />,
    title: (
      <Anchor component={Link} to={`/findings/${f.id}`} size="sm" title={f.title}>
        {f.title}
      </Anchor>
    ),
    product: (
      <Text size="sm" truncate title={productName}>
        {productName ?? `#${f.productId}`}
      </Text>
    ),
    cwe: <Text size="sm">{f.cwe ? `CWE-${f.cwe}` : ''}</Text>,
    cve: <Text size="sm">{f.vulnerabilityIds[0] ?? ''}</Text>,
    component: <Text size="sm">{[f.componentName, f.componentVersion].filter(Boolean).join('@')}</Text>,
    status: (
      <Badge variant="light" color={status.color} size="sm">
        {status.label}
      </Badge>
    ),
    sla: (
      <Text size="sm" c={f.slaDaysRemaining !== null && f.slaDaysRemaining < 0 ? 'red' : undefined}>
        {f.slaDaysRemaining === null ? '' : `${f.slaDaysRemaining}d`}
      </Text>
    ),
    date: <Text size="sm">{f.date}</Text>,
  };
  return (
    <div
      className="finding-row"
      style={{
        display: 'grid',
        gridTemplateColumns: gridTemplate(wide),
        alignItems: 'center',
        height: '100%',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {visibleColumns(wide).map((c) => (
        <div key={c.key} role="gridcell" style={cell}>
          {content[c.key]}
        </div>
      ))}
    </div>
  );
}
