import { useState } from 'react';
import { Button, Group, Select, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  SEVERITIES,
  type NotificationSubscription,
  type NotificationType,
  type NotificationTypeInfo,
  type Severity,
} from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { SEVERITY_TYPES } from './notification-queries';
import { queryKeys } from '../../app/query-keys';

/** Choices for one product that override the global ones (e.g. only Critical findings of a noisy product). */
export function ProductSubscriptions({
  types,
  rows,
  teamId,
}: {
  types: NotificationTypeInfo[];
  rows: NotificationSubscription[];
  teamId?: number;
}) {
  const api = useApi();
  const products = useQuery({
    queryKey: queryKeys.products.forNotifications,
    queryFn: () => api.products.list({ limit: 500 }),
  });
  const [draft, setDraft] = useState<{
    productId: string | null;
    eventType: NotificationType | null;
    channel: 'alert' | 'email';
    enabled: boolean;
    minSeverity: Severity | null;
  }>({ productId: null, eventType: null, channel: 'alert', enabled: true, minSeverity: null });
  const invalidate = [queryKeys.notifications.subscriptions];
  const save = useApiMutation(
    () =>
      api.notifications.saveSubscription({
        teamId,
        productId: Number(draft.productId),
        eventType: draft.eventType!,
        channel: draft.channel,
        enabled: draft.enabled,
        minSeverity: draft.minSeverity,
      }),
    { invalidate },
  );
  const remove = useApiMutation((id: number) => api.notifications.removeSubscription(id), { invalidate });
  const productRows = rows.filter((r) => r.productId !== null && r.teamId === (teamId ?? null));
  const productName = (id: number | null) => products.data?.items.find((p) => p.id === id)?.name ?? `Product ${id}`;
  const label = (type: string) => types.find((t) => t.type === type)?.label ?? type;
  const productTypes = types.filter((t) => t.audience === 'product');
  return (
    <>
      {productRows.length > 0 && (
        <Table aria-label="Product notification settings" mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Notification</Table.Th>
              <Table.Th>Channel</Table.Th>
              <Table.Th>Receive</Table.Th>
              <Table.Th>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {productRows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{productName(r.productId)}</Table.Td>
                <Table.Td>{label(r.eventType)}</Table.Td>
                <Table.Td>{r.channel === 'alert' ? 'In-app' : 'Email'}</Table.Td>
                <Table.Td>{r.enabled ? `yes${r.minSeverity ? `, ${r.minSeverity} and above` : ''}` : 'no'}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove.mutate(r.id)}
                    aria-label={`Remove ${label(r.eventType)} for ${productName(r.productId)}`}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="xs">
        <Select
          label="Product"
          searchable
          w={200}
          data={(products.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          value={draft.productId}
          onChange={(v) => setDraft((d) => ({ ...d, productId: v }))}
          error={products.error ? 'Products could not be loaded' : undefined}
        />
        <Select
          label="Notification"
          w={240}
          data={productTypes.map((t) => ({ value: t.type, label: t.label }))}
          value={draft.eventType}
          onChange={(v) => setDraft((d) => ({ ...d, eventType: v as NotificationType | null, minSeverity: null }))}
        />
        <Select
          label="Channel"
          w={110}
          data={[
            { value: 'alert', label: 'In-app' },
            { value: 'email', label: 'Email' },
          ]}
          value={draft.channel}
          onChange={(v) => setDraft((d) => ({ ...d, channel: (v ?? 'alert') as 'alert' | 'email' }))}
          allowDeselect={false}
        />
        {draft.eventType && SEVERITY_TYPES.has(draft.eventType) && (
          <Select
            label="Minimum severity"
            w={130}
            placeholder="Any"
            clearable
            data={[...SEVERITIES]}
            value={draft.minSeverity}
            onChange={(v) => setDraft((d) => ({ ...d, minSeverity: (v as Severity | null) ?? null }))}
          />
        )}
        <Switch
          label="Receive"
          checked={draft.enabled}
          onChange={(e) => setDraft((d) => ({ ...d, enabled: e.currentTarget.checked }))}
          mb={8}
        />
        <Button
          onClick={() => save.mutate(undefined)}
          disabled={!draft.productId || !draft.eventType}
          loading={save.isPending}
        >
          Add
        </Button>
      </Group>
      <Text c="red" size="sm" role={save.formError || remove.formError ? 'alert' : undefined} mt="xs">
        {save.formError ?? remove.formError}
      </Text>
    </>
  );
}
