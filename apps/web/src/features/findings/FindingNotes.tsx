import { useState } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function FindingNotes({ findingId, canAdd }: { findingId: number; canAdd: boolean }) {
  const api = useApi();
  const notes = useQuery({
    queryKey: queryKeys.findings.notes(findingId),
    queryFn: () => api.findings.notes(findingId),
  });
  const [entry, setEntry] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const add = useApiMutation(() => api.findings.addNote(findingId, entry, isPrivate), {
    invalidate: [queryKeys.findings.notes(findingId)],
    onSuccess: () => setEntry(''),
  });
  return (
    <Stack gap="sm">
      <QueryState
        query={notes}
        label="Loading notes"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No notes yet" />}
      >
        {(d) => (
          <Stack gap="xs">
            {d.items.map((n) => (
              <Paper key={n.id} withBorder p="sm">
                <Text size="xs" c="dimmed">
                  {n.author ?? `user #${n.authorId}`} · {new Date(n.createdAt).toLocaleString()}
                  {n.private ? ' · private' : ''}
                  {n.edited ? ' · edited' : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.entry}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
      {canAdd && (
        <form onSubmit={(e) => (e.preventDefault(), entry.trim() && add.mutate())}>
          <Stack gap="xs">
            <Textarea
              label="Add a note"
              value={entry}
              onChange={(e) => setEntry(e.currentTarget.value)}
              autosize
              minRows={2}
              error={add.fieldErrors.entry ?? add.formError ?? undefined}
            />
            <Group justify="space-between">
              <Checkbox
                label="Private"
                checked={isPrivate}
                onChange={(e) => setPrivate(e.currentTarget.checked)}
                size="xs"
              />
              <Button type="submit" size="xs" loading={add.isPending} disabled={!entry.trim()}>
                Add note
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
