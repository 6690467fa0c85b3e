import { useState } from 'react';
import { Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { JiraInstance } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { JiraInstanceForm, WebhookUrl } from './JiraInstanceForm';
import { queryKeys } from '../../app/query-keys';

/** Administration → Jira: the instances, a connection test and webhook-secret rotation. */
export function JiraInstancesPanel() {
  const api = useApi();
  const instances = useQuery({ queryKey: queryKeys.jira.instances, queryFn: () => api.jira.instances() });
  const [editing, setEditing] = useState<JiraInstance | 'new' | null>(null);
  const [webhookPath, setWebhookPath] = useState<string | null>(null);
  const [tested, setTested] = useState<Record<number, { ok: boolean; text: string }>>({});
  const test = useApiMutation((id: number) => api.jira.testInstance(id).then((r) => ({ id, r })), {
    onSuccess: ({ id, r }) => setTested((t) => ({ ...t, [id]: { ok: r.ok, text: r.ok ? `Connected as ${r.user}` : (r.error ?? 'Failed') } })),
  });
  const rotate = useApiMutation((id: number) => api.jira.rotateWebhookSecret(id), { onSuccess: (r) => setWebhookPath(r.webhookPath) });
  const remove = useApiMutation((id: number) => api.jira.removeInstance(id), { invalidate: [queryKeys.jira.instances] });
  const error = test.formError ?? rotate.formError ?? remove.formError;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text c="red" size="sm" role={error ? 'alert' : undefined}>
          {error}
        </Text>
        <Button onClick={() => setEditing('new')}>New Jira instance</Button>
      </Group>
      <QueryState query={instances} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title="No Jira instances">Add one, then configure Jira on a product.</EmptyState>}>
        {(d) => (
          <Table striped aria-label="Jira instances">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>URL</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Last reconciliation</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td>{i.url}</Table.Td>
                  <Table.Td>{i.username}</Table.Td>
                  <Table.Td>{i.reconciledAt ? new Date(i.reconciledAt).toLocaleString() : 'never'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {tested[i.id] && <Badge color={tested[i.id].ok ? 'green' : 'red'} title={tested[i.id].text}>{tested[i.id].ok ? 'OK' : 'Failed'}</Badge>}
                      <Button size="xs" variant="subtle" onClick={() => test.mutate(i.id)} loading={test.isPending && test.variables === i.id}>
                        Test
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(i)} aria-label={`Edit ${i.name}`}>
                        Edit
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => rotate.mutate(i.id)} aria-label={`New webhook URL for ${i.name}`}>
                        New webhook URL
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => window.confirm(`Delete ${i.name}?`) && remove.mutate(i.id)} aria-label={`Delete ${i.name}`}>
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New Jira instance' : 'Edit Jira instance'} size="lg">
        {editing !== null && <JiraInstanceForm initial={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={webhookPath !== null} onClose={() => setWebhookPath(null)} title="New webhook URL" size="lg">
        {webhookPath && <WebhookUrl path={webhookPath} onDone={() => setWebhookPath(null)} />}
      </Modal>
    </>
  );
}
