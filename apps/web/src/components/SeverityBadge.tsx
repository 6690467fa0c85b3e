import { Badge } from '@mantine/core';
import type { Severity } from '@vigil/client';

export const SEVERITY_COLOR: Record<Severity, string> = {
  Critical: 'red.9',
  High: 'red.6',
  Medium: 'orange.6',
  Low: 'yellow.6',
  Info: 'gray.6',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="filled" size="sm" autoContrast>
      {severity}
    </Badge>
  );
}
