import { Badge } from '@mantine/core';
import type { Finding } from '@vigil/client';

export function SlaCountdown({
  finding,
}: {
  finding: Pick<Finding, 'slaDaysRemaining' | 'slaExpirationDate' | 'active'>;
}) {
  if (!finding.active)
    return (
      <Badge variant="light" color="gray">
        SLA stopped (not active)
      </Badge>
    );
  if (finding.slaDaysRemaining === null)
    return (
      <Badge variant="light" color="gray">
        No SLA
      </Badge>
    );
  const d = finding.slaDaysRemaining;
  const color = d < 0 ? 'red' : d <= 7 ? 'orange' : 'green';
  const text =
    d < 0
      ? `SLA breached ${-d} day${d === -1 ? '' : 's'} ago`
      : d === 0
        ? 'SLA due today'
        : `${d} day${d === 1 ? '' : 's'} left in SLA`;
  return (
    <Badge
      variant="filled"
      color={color}
      title={finding.slaExpirationDate ? `Due ${finding.slaExpirationDate}` : undefined}
      autoContrast
    >
      {text}
    </Badge>
  );
}
