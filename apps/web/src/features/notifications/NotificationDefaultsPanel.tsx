import { Select, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  SEVERITIES,
  type NotificationSubscription,
  type SaveDefaultSubscriptionRequest,
  type Severity,
  type SubscriptionChannel,
} from '@vigil/client';
import { useApi } from '../../app/api-context';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { SEVERITY_TYPES } from './notification-queries';
import { queryKeys } from '../../app/query-keys';

interface Column {
  key: string;
  label: string;
  channel: SubscriptionChannel;
  channelId: number | null;
}

/** System-wide defaults: what every reader gets in-app/by email, and what each shared channel receives. */
export function NotificationDefaultsPanel() {
  const api = useApi();
  const types = useQuery({ queryKey: queryKeys.notifications.types, queryFn: () => api.notifications.types() });
  const defaults = useQuery({
    queryKey: queryKeys.notifications.defaults,
    queryFn: () => api.notifications.defaults(),
  });
  const channels = useQuery({
    queryKey: queryKeys.notifications.channels,
    queryFn: () => api.notifications.channels(),
  });
  const invalidate = [queryKeys.notifications.defaults];
  const save = useApiMutation((d: SaveDefaultSubscriptionRequest) => api.notifications.saveDefault(d), { invalidate });
  const remove = useApiMutation((id: number) => api.notifications.removeDefault(id), { invalidate });
  const all = {
    isPending: types.isPending || defaults.isPending || channels.isPending,
    error: types.error ?? defaults.error ?? channels.error,
    data:
      types.data && defaults.data && channels.data
        ? { types: types.data.items, rows: defaults.data.items, channels: channels.data.items }
        : undefined,
  };
  return (
    <>
      <Text c="red" size="sm" role={save.formError || remove.formError ? 'alert' : undefined}>
        {save.formError ?? remove.formError}
      </Text>
      <QueryState query={all} label="Loading defaults">
        {({ types: list, rows, channels: shared }) => {
          const columns: Column[] = [
            { key: 'alert', label: 'In-app (all readers)', channel: 'alert', channelId: null },
            { key: 'email', label: 'Email (all readers)', channel: 'email', channelId: null },
            ...shared.map((c) => ({ key: `c${c.id}`, label: c.name, channel: 'target' as const, channelId: c.id })),
          ];
          const find = (type: string, col: Column) =>
            rows.find(
              (r) =>
                r.eventType === type &&
                r.productId === null &&
                r.channel === col.channel &&
                r.channelId === col.channelId,
            );
          return (
            <Table striped aria-label="Notification defaults">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Notification</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.key}>{c.label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((t) => (
                  <Table.Tr key={t.type}>
                    <Table.Td>{t.label}</Table.Td>
                    {columns.map((col) => (
                      <Table.Td key={col.key}>
                        <DefaultCell
                          row={find(t.type, col)}
                          name={`${t.label} → ${col.label}`}
                          severity={SEVERITY_TYPES.has(t.type)}
                          onChange={(on, minSeverity, row) =>
                            on
                              ? save.mutate({
                                  eventType: t.type,
                                  channel: col.channel,
                                  channelId: col.channelId,
                                  enabled: true,
                                  minSeverity,
                                })
                              : row && remove.mutate(row.id)
                          }
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </QueryState>
    </>
  );
}

function DefaultCell({
  row,
  name,
  severity,
  onChange,
}: {
  row: NotificationSubscription | undefined;
  name: string;
  severity: boolean;
  onChange: (on: boolean, minSeverity: Severity | null, row?: NotificationSubscription) => void;
}) {
  const on = !!row?.enabled;
  return (
    <>
      <Switch
        aria-label={name}
        checked={on}
        onChange={(e) => onChange(e.currentTarget.checked, row?.minSeverity ?? null, row)}
      />
      {severity && on && (
        <Select
          aria-label={`Minimum severity for ${name}`}
          size="xs"
          w={110}
          mt={4}
          placeholder="Any"
          clearable
          data={[...SEVERITIES]}
          value={row?.minSeverity ?? null}
          onChange={(v) => onChange(true, (v as Severity | null) ?? null, row)}
        />
      )}
    </>
  );
}
