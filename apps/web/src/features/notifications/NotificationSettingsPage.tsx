import { Button, Group, NativeSelect, Select, Switch, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  SEVERITIES,
  type NotificationSubscription,
  type NotificationTypeInfo,
  type SaveSubscriptionRequest,
  type Severity,
} from '@vigil/client';
import { useApi } from '../../app/api-context';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { SEVERITY_TYPES } from './notification-queries';
import { ProductSubscriptions } from './ProductSubscriptions';
import { queryKeys } from '../../app/query-keys';

const CHANNELS = [
  { channel: 'alert', label: 'In-app' },
  { channel: 'email', label: 'Email' },
] as const;

/** One of the caller's (or their team's) subscriptions, without a product: the rows of this page. */
type PersonalSubscription = Omit<SaveSubscriptionRequest, 'teamId' | 'productId'>;

/** The caller's own subscriptions: per notification type and channel, with a minimum severity for finding digests. */
export function NotificationSettingsPage() {
  const api = useApi();
  const [teamId, setTeamId] = useState<number | undefined>(undefined);
  const types = useQuery({ queryKey: queryKeys.notifications.types, queryFn: () => api.notifications.types() });
  const teams = useQuery({ queryKey: queryKeys.teams.all, queryFn: () => api.teams.list() });
  const subs = useQuery({
    queryKey: queryKeys.notifications.subscriptionsOf(teamId),
    queryFn: () => api.notifications.subscriptions(teamId),
  });
  const invalidate = [queryKeys.notifications.subscriptions];
  const save = useApiMutation((s: PersonalSubscription) => api.notifications.saveSubscription({ ...s, teamId }), {
    invalidate,
  });
  const reset = useApiMutation((id: number) => api.notifications.removeSubscription(id), { invalidate });
  const both = {
    isPending: types.isPending || subs.isPending,
    error: types.error ?? subs.error,
    data: types.data && subs.data ? { types: types.data.items, subs: subs.data.items } : undefined,
    refetch: () => Promise.all([types.refetch(), subs.refetch()]),
  };
  return (
    <>
      <PageHeader title="Notification settings">
        {!!teams.data?.items.length && (
          <NativeSelect
            aria-label="Settings for"
            w={220}
            data={[
              { value: 'me', label: 'Just me' },
              ...teams.data.items.map((t) => ({ value: String(t.id), label: `Team: ${t.name}` })),
            ]}
            value={teamId === undefined ? 'me' : String(teamId)}
            onChange={(e) => setTeamId(e.currentTarget.value === 'me' ? undefined : Number(e.currentTarget.value))}
          />
        )}
      </PageHeader>
      <Text size="sm" c="dimmed" mb="sm">
        {teamId === undefined
          ? "Without a choice of your own, your teams' and the system defaults apply. You only hear about products " +
            'you can read.'
          : 'Team choices apply to every member who has made no choice of their own. Team maintainers and owners ' +
            'change them.'}
      </Text>
      <Text c="red" size="sm" role={save.formError || reset.formError ? 'alert' : undefined} mb="xs">
        {save.formError ?? reset.formError}
      </Text>
      <QueryState query={both} label="Loading settings">
        {({ types: list, subs: rows }) => (
          <>
            <Table striped aria-label="Notification settings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Notification</Table.Th>
                  {CHANNELS.map((c) => (
                    <Table.Th key={c.channel}>{c.label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list
                  .filter((t) => t.audience !== 'admin')
                  .map((t) => (
                    <TypeRow
                      key={t.type}
                      type={t}
                      rows={rows}
                      teamId={teamId}
                      onSave={(s) => save.mutate(s)}
                      onReset={(id) => reset.mutate(id)}
                    />
                  ))}
              </Table.Tbody>
            </Table>
            <Title order={3} mt="lg" mb="xs">
              Per product
            </Title>
            <ProductSubscriptions types={list} rows={rows} teamId={teamId} />
          </>
        )}
      </QueryState>
    </>
  );
}

function TypeRow({
  type,
  rows,
  teamId,
  onSave,
  onReset,
}: {
  type: NotificationTypeInfo;
  rows: NotificationSubscription[];
  teamId: number | undefined;
  onSave: (s: PersonalSubscription) => void;
  onReset: (id: number) => void;
}) {
  return (
    <Table.Tr>
      <Table.Td>{type.label}</Table.Td>
      {CHANNELS.map(({ channel, label }) => {
        const row = rows.find(
          (r) =>
            r.eventType === type.type && r.channel === channel && r.productId === null && r.teamId === (teamId ?? null),
        );
        const name = `${type.label} by ${label}`;
        return (
          <Table.Td key={channel}>
            <Group gap="xs" wrap="nowrap">
              <Switch
                aria-label={name}
                checked={row?.enabled ?? false}
                onChange={(e) =>
                  onSave({
                    eventType: type.type,
                    channel,
                    enabled: e.currentTarget.checked,
                    minSeverity: row?.minSeverity ?? null,
                  })
                }
              />
              {SEVERITY_TYPES.has(type.type) && row?.enabled && (
                <Select
                  aria-label={`Minimum severity for ${name}`}
                  size="xs"
                  w={110}
                  placeholder="Any"
                  clearable
                  data={[...SEVERITIES]}
                  value={row.minSeverity}
                  onChange={(v) =>
                    onSave({
                      eventType: type.type,
                      channel,
                      enabled: true,
                      minSeverity: (v as Severity | null) ?? null,
                    })
                  }
                />
              )}
              {row ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onReset(row.id)}
                  aria-label={`Use the default for ${name}`}
                >
                  default
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  default
                </Text>
              )}
            </Group>
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}
