import { useState } from 'react';
import { Badge, Button, Group, Modal, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { NotificationChannel } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { CrudPanel } from '../../components/CrudPanel';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { ChannelDeliveries } from './ChannelDeliveries';
import { ChannelForm } from './ChannelForm';
import { queryKeys } from '../../app/query-keys';

/** Administration → Notifications: shared channels, their health, test, enable/disable. */
export function NotificationChannelsPanel() {
  const api = useApi();
  const channels = useQuery({
    queryKey: queryKeys.notifications.channels,
    queryFn: () => api.notifications.channels(),
  });
  const [inspecting, setInspecting] = useState<NotificationChannel | null>(null);
  const [tested, setTested] = useState<Record<number, { ok: boolean; error: string | null }>>({});
  const invalidate = [queryKeys.notifications.channels];
  const test = useApiMutation((id: number) => api.notifications.testChannel(id).then((r) => ({ id, r })), {
    onSuccess: ({ id, r }) => setTested((t) => ({ ...t, [id]: r })),
  });
  const toggle = useApiMutation(
    (c: NotificationChannel) => api.notifications.updateChannel(c.id, { enabled: !c.enabled }),
    { invalidate },
  );
  const remove = useApiMutation((id: number) => api.notifications.removeChannel(id), { invalidate });
  const error = test.formError ?? toggle.formError ?? remove.formError;
  return (
    <CrudPanel<NotificationChannel>
      query={channels}
      label="Notification channels"
      empty={
        <EmptyState title="No shared channels">
          Add Slack, Teams, Mattermost, Telegram, a webhook or a syslog collector, then choose what it receives below.
        </EmptyState>
      }
      loadingLabel="Loading channels"
      newLabel="New channel"
      error={error}
      formTitle={() => 'New notification channel'}
      form={(_, done) => <ChannelForm onDone={done} />}
      columns={[
        { header: 'Name', cell: (c) => c.name },
        { header: 'Kind', cell: (c) => c.kind },
        {
          header: 'Target',
          cell: (c) =>
            c.kind === 'syslog'
              ? `${String(c.settings.protocol)}://${String(c.settings.host)}:${String(c.settings.port)}`
              : c.secretHint,
        },
        {
          header: 'Status',
          cell: (c) => (
            <>
              {c.enabled ? (
                <Badge color="green">enabled</Badge>
              ) : (
                <Badge color="gray" title={c.disabledReason ?? undefined}>
                  {c.disabledReason ? 'deactivated' : 'disabled'}
                </Badge>
              )}
              {c.consecutiveFailures > 0 && (
                <Text size="xs" c="red">
                  {c.consecutiveFailures}/{c.maxFailures} failures in a row
                </Text>
              )}
              {c.disabledReason && (
                <Text size="xs" c="dimmed">
                  {c.disabledReason}
                </Text>
              )}
            </>
          ),
        },
        {
          header: 'Last error',
          cell: (c) => (
            <Text size="xs" lineClamp={2} title={c.lastError ?? undefined}>
              {c.lastError ?? '—'}
            </Text>
          ),
        },
      ]}
      actions={(c) => (
        <Group gap={4} wrap="nowrap">
          {tested[c.id] && (
            <Badge color={tested[c.id].ok ? 'green' : 'red'} title={tested[c.id].error ?? 'Delivered'}>
              {tested[c.id].ok ? 'OK' : 'Failed'}
            </Badge>
          )}
          <Button
            size="xs"
            variant="subtle"
            onClick={() => test.mutate(c.id)}
            loading={test.isPending && test.variables === c.id}
            aria-label={`Test ${c.name}`}
          >
            Test
          </Button>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => toggle.mutate(c)}
            aria-label={`${c.enabled ? 'Disable' : 'Enable'} ${c.name}`}
          >
            {c.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setInspecting(c)} aria-label={`Deliveries of ${c.name}`}>
            Deliveries
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => window.confirm(`Delete ${c.name}?`) && remove.mutate(c.id)}
            aria-label={`Delete ${c.name}`}
          >
            Delete
          </Button>
        </Group>
      )}
    >
      <Modal
        opened={inspecting !== null}
        onClose={() => setInspecting(null)}
        title={inspecting ? `Recent deliveries: ${inspecting.name}` : ''}
        size="xl"
      >
        {inspecting && <ChannelDeliveries id={inspecting.id} />}
      </Modal>
    </CrudPanel>
  );
}
