import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { NotificationAlert } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const PAGE = 30;

/** The caller's in-app alerts, newest first, with read marks. */
export function NotificationsPage() {
  const api = useApi();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const alerts = useInfiniteQuery({
    queryKey: queryKeys.notifications.alertList(filter),
    queryFn: ({ pageParam }) =>
      api.notifications.list({ unread: filter === 'unread' ? true : undefined, limit: PAGE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const invalidate = [queryKeys.notifications.alerts, queryKeys.notifications.unread];
  const markRead = useApiMutation((ids: number[]) => api.notifications.markRead(ids), { invalidate });
  const markAll = useApiMutation(() => api.notifications.markAllRead(), { invalidate });
  const unread = alerts.data?.pages[0]?.unread ?? 0;
  const items = alerts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Notifications">
        <Group gap="xs">
          <Button component={Link} to="/notifications/settings" variant="default">
            Settings
          </Button>
          <Button onClick={() => markAll.mutate(undefined)} disabled={!unread} loading={markAll.isPending}>
            Mark all read
          </Button>
        </Group>
      </PageHeader>
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as 'all' | 'unread')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: `Unread (${unread})` },
          ]}
          aria-label="Show"
        />
        <Text c="red" size="sm" role={markRead.formError || markAll.formError ? 'alert' : undefined}>
          {markRead.formError ?? markAll.formError}
        </Text>
      </Group>
      <QueryState
        query={{
          isPending: alerts.isPending,
          error: alerts.error,
          data: alerts.data ? items : undefined,
          refetch: alerts.refetch,
        }}
        isEmpty={(d) => d.length === 0}
        empty={
          <EmptyState title={filter === 'unread' ? 'No unread notifications' : 'No notifications yet'}>
            Choose what you hear about in the notification settings.
          </EmptyState>
        }
        label="Loading notifications"
      >
        {(list) => (
          <Stack gap="xs" aria-label="Notifications" role="list">
            {list.map((a) => (
              <AlertCard key={a.id} alert={a} onRead={() => markRead.mutate([a.id])} />
            ))}
            {alerts.hasNextPage && (
              <Button variant="subtle" onClick={() => void alerts.fetchNextPage()} loading={alerts.isFetchingNextPage}>
                Load older
              </Button>
            )}
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function AlertCard({ alert, onRead }: { alert: NotificationAlert; onRead: () => void }) {
  return (
    <Paper withBorder p="sm" role="listitem" aria-label={alert.title} style={{ opacity: alert.read ? 0.7 : 1 }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs" mb={4}>
            {!alert.read && (
              <Badge size="xs" color="blue">
                new
              </Badge>
            )}
            {alert.severity && (
              <Badge size="xs" variant="light">
                {alert.severity}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {new Date(alert.createdAt).toLocaleString()}
            </Text>
          </Group>
          <Text fw={600}>
            {alert.url ? (
              <Anchor component={Link} to={alert.url} onClick={() => !alert.read && onRead()}>
                {alert.title}
              </Anchor>
            ) : (
              alert.title
            )}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {alert.body}
          </Text>
        </div>
        {!alert.read && (
          <Button size="xs" variant="subtle" onClick={onRead} aria-label={`Mark "${alert.title}" read`}>
            Mark read
          </Button>
        )}
      </Group>
    </Paper>
  );
}
