import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { useMe } from '../../app/use-me';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/**
 * Assigns the selected findings to one person. Candidates are the people with a direct role on
 * every product concerned (and the caller); the server re-checks that the assignee can read them.
 */
export function BulkAssignForm({
  ids,
  productIds,
  onDone,
  onCancel,
}: {
  ids: number[];
  productIds: number[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const me = useMe();
  const members = useQueries({
    queries: productIds.map((id) => ({
      queryKey: queryKeys.products.members(id),
      queryFn: () => api.products.members(id),
    })),
  });
  const [assignee, setAssignee] = useState('');
  const save = useApiMutation(() => api.findings.bulkAssign(ids, assignee === 'none' ? null : Number(assignee)), {
    invalidate: [queryKeys.findings.all],
    onSuccess: onDone,
  });
  const loaded = members.every((m) => m.data);
  const candidates = new Map<number, string>();
  if (loaded) {
    const perProduct = members.map(
      (m) =>
        new Map(
          m.data!.items.filter((x) => x.userId !== null).map((x) => [x.userId!, x.username ?? `user #${x.userId}`]),
        ),
    );
    for (const [id, name] of perProduct[0] ?? []) if (perProduct.every((p) => p.has(id))) candidates.set(id, name);
  }
  if (me.data) candidates.set(me.data.id, `${me.data.username} (me)`);
  const options = [
    { value: '', label: loaded ? 'Choose a person' : 'Loading people…' },
    { value: 'none', label: 'Nobody (unassign)' },
    ...[...candidates].map(([id, name]) => ({ value: String(id), label: name })),
  ];
  return (
    <form onSubmit={(e) => (e.preventDefault(), assignee && save.mutate(undefined))} aria-label="Assign findings">
      <Stack gap="sm">
        <Text size="sm">
          {ids.length} finding{ids.length === 1 ? '' : 's'} in {productIds.length} product
          {productIds.length === 1 ? '' : 's'}
        </Text>
        <NativeSelect
          label="Assignee"
          value={assignee}
          onChange={(e) => setAssignee(e.currentTarget.value)}
          data={options}
          error={save.fieldErrors.assigneeId}
        />
        <FormError message={save.fieldErrors.assigneeId ? null : save.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={!assignee} loading={save.isPending}>
            Assign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
