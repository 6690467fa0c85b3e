import { useState } from 'react';
import { Badge, Button, Group, Modal } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { JiraInstance } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { CrudPanel } from '../../components/CrudPanel';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { JiraInstanceForm, WebhookUrl } from './JiraInstanceForm';
import { queryKeys } from '../../app/query-keys';

/** Administration → Jira: the instances, a connection test and webhook-secret rotation. */
export function JiraInstancesPanel() {
  const api = useApi();
  const instances = useQuery({ queryKey: queryKeys.jira.instances, queryFn: () => api.jira.instances() });
  const [webhookPath, setWebhookPath] = useState<string | null>(null);
  const [tested, setTested] = useState<Record<number, { ok: boolean; text: string }>>({});
  const test = useApiMutation((id: number) => api.jira.testInstance(id).then((r) => ({ id, r })), {
    onSuccess: ({ id, r }) =>
      setTested((t) => ({ ...t, [id]: { ok: r.ok, text: r.ok ? `Connected as ${r.user}` : (r.error ?? 'Failed') } })),
  });
  const rotate = useApiMutation((id: number) => api.jira.rotateWebhookSecret(id), {
    onSuccess: (r) => setWebhookPath(r.webhookPath),
  });
  const remove = useApiMutation((id: number) => api.jira.removeInstance(id), {
    invalidate: [queryKeys.jira.instances],
  });
  const error = test.formError ?? rotate.formError ?? remove.formError;
  return (
    <CrudPanel<JiraInstance>
      query={instances}
      label="Jira instances"
      empty={<EmptyState title="No Jira instances">Add one, then configure Jira on a product.</EmptyState>}
      newLabel="New Jira instance"
      error={error}
      formTitle={(i) => (i ? 'Edit Jira instance' : 'New Jira instance')}
      form={(i, done) => <JiraInstanceForm initial={i} onDone={done} />}
      columns={[
        { header: 'Name', cell: (i) => i.name },
        { header: 'URL', cell: (i) => i.url },
        { header: 'User', cell: (i) => i.username },
        {
          header: 'Last reconciliation',
          cell: (i) => (i.reconciledAt ? new Date(i.reconciledAt).toLocaleString() : 'never'),
        },
      ]}
      actions={(i, edit) => (
        <Group gap={4} wrap="nowrap">
          {tested[i.id] && (
            <Badge color={tested[i.id].ok ? 'green' : 'red'} title={tested[i.id].text}>
              {tested[i.id].ok ? 'OK' : 'Failed'}
            </Badge>
          )}
          <Button
            size="xs"
            variant="subtle"
            onClick={() => test.mutate(i.id)}
            loading={test.isPending && test.variables === i.id}
          >
            Test
          </Button>
          <Button size="xs" variant="subtle" onClick={() => edit(i)} aria-label={`Edit ${i.name}`}>
            Edit
          </Button>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => rotate.mutate(i.id)}
            aria-label={`New webhook URL for ${i.name}`}
          >
            New webhook URL
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => window.confirm(`Delete ${i.name}?`) && remove.mutate(i.id)}
            aria-label={`Delete ${i.name}`}
          >
            Delete
          </Button>
        </Group>
      )}
    >
      <Modal opened={webhookPath !== null} onClose={() => setWebhookPath(null)} title="New webhook URL" size="lg">
        {webhookPath && <WebhookUrl path={webhookPath} onDone={() => setWebhookPath(null)} />}
      </Modal>
    </CrudPanel>
  );
}
