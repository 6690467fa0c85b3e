import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import type { FindingDetail } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const STATE_COLOR = { pending: 'gray', synced: 'green', error: 'red' } as const;

/** The finding's Jira issue (link, sync state, last error) and the "Push to Jira" action. */
export function FindingJiraPanel({ finding }: { finding: FindingDetail }) {
  const api = useApi();
  const push = useApiMutation(() => api.jira.pushFinding(finding.id), {
    invalidate: [queryKeys.findings.detail(finding.id)],
  });
  const link = finding.jira;
  const canPush = finding.abilities.includes('triage');
  return (
    <Group gap="xs" data-testid="finding-jira">
      <Text size="sm" fw={500}>
        Jira:
      </Text>
      {link?.key && link.url ? (
        <Anchor href={link.url} target="_blank" rel="noreferrer" size="sm">
          {link.key}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          {link ? 'push queued' : 'not pushed'}
        </Text>
      )}
      {link && (
        <Badge
          size="sm"
          variant="light"
          color={STATE_COLOR[link.state]}
          title={
            link.lastError ??
            (link.lastSyncedAt ? `Last synced ${new Date(link.lastSyncedAt).toLocaleString()}` : undefined)
          }
        >
          {link.state === 'synced' ? (link.status ?? 'synced') : link.state}
        </Badge>
      )}
      {link?.state === 'error' && link.lastError && (
        <Text size="xs" c="red" role="alert">
          {link.lastError}
        </Text>
      )}
      {canPush && (
        <Button size="xs" variant="default" onClick={() => push.mutate(undefined)} loading={push.isPending}>
          {link ? 'Sync to Jira' : 'Push to Jira'}
        </Button>
      )}
      {push.formError && (
        <Text size="xs" c="red" role="alert">
          {push.formError}
        </Text>
      )}
    </Group>
  );
}
