import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Dashboard } from '@vigil/client';
import { SeverityBadge } from '../../components/SeverityBadge';

/** Mean days from discovery to mitigation, per severity, over the dashboard's window. */
export function RemediationTimes({ rows }: { rows: Dashboard['meanTimeToRemediate'] }) {
  if (!rows.length) return <Text c="dimmed">Nothing mitigated in the last 90 days.</Text>;
  return (
    <Stack gap="xs" aria-label="Mean time to remediate">
      {rows.map((r) => (
        <Group key={r.severity} gap="sm" wrap="nowrap">
          <SeverityBadge severity={r.severity} />
          <Text fw={700} w={90} data-testid={`mttr-${r.severity}`}>
            {r.meanDays} days
          </Text>
          <Anchor component={Link} to={`/findings?severity=${r.severity}&active=false`} size="sm" c="dimmed">
            over {r.mitigated} mitigated
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}
