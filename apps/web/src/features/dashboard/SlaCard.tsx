import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Dashboard } from '@vigil/client';
import { SeverityBadge } from '../../components/SeverityBadge';

/** Breached and about-to-breach counts, each a link into the filtered list, and the soonest due. */
export function SlaCard({ sla }: { sla: Dashboard['sla'] }) {
  return (
    <Stack gap="sm">
      <Group gap="xl" align="flex-end">
        <Stack gap={0}>
          <Anchor
            component={Link}
            to="/findings?active=true&sla=breached"
            fz={40}
            fw={800}
            c="red.7"
            data-testid="sla-breaches"
            aria-label={`${sla.breached} findings past their SLA`}
          >
            {sla.breached}
          </Anchor>
          <Text size="sm" c="dimmed">
            past their remediation date
          </Text>
        </Stack>
        <Stack gap={0}>
          <Anchor
            component={Link}
            to="/findings?active=true&sla=soon"
            fz={40}
            fw={800}
            c="orange.7"
            data-testid="sla-soon"
            aria-label={`${sla.breachingSoon} findings due by ${sla.soonUntil}`}
          >
            {sla.breachingSoon}
          </Anchor>
          <Text size="sm" c="dimmed">
            due by {sla.soonUntil}
          </Text>
        </Stack>
      </Group>
      {sla.soonest.map((f) => (
        <Group key={f.id} gap="xs" wrap="nowrap">
          <SeverityBadge severity={f.severity} />
          <Text size="xs" c="dimmed" w={80}>
            {f.slaExpirationDate}
          </Text>
          <Anchor component={Link} to={`/findings/${f.id}`} size="sm" lineClamp={1}>
            {f.title}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}
