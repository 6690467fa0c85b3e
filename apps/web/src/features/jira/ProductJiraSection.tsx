import { useState } from 'react';
import { Button, Group, Modal, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { JiraConfig } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { JiraConfigForm } from './JiraConfigForm';
import { queryKeys } from '../../app/query-keys';

/** The Jira section of a product page: its configuration and per-engagement overrides. */
export function ProductJiraSection({ productId }: { productId: number }) {
  const api = useApi();
  const jira = useQuery({
    queryKey: queryKeys.jira.productConfig(productId),
    queryFn: () => api.jira.productConfig(productId),
  });
  const engagements = useQuery({
    queryKey: queryKeys.engagements.list({ productId }),
    queryFn: () => api.engagements.list({ productId, limit: 100 }),
  });
  const [editing, setEditing] = useState<JiraConfig | 'new' | null>(null);
  const remove = useApiMutation((id: number) => api.jira.removeProductConfig(productId, id), {
    invalidate: [queryKeys.jira.productConfig(productId)],
  });
  const engagementName = (id: number | null) =>
    id === null ? 'Whole product' : (engagements.data?.items.find((e) => e.id === id)?.name ?? `Engagement ${id}`);
  return (
    <section aria-labelledby="jira-title">
      <Group justify="space-between">
        <Title order={3} size="h4" id="jira-title" mb="xs">
          Jira
        </Title>
        {jira.data?.canEdit && jira.data.instances.length > 0 && (
          <Button size="xs" variant="default" onClick={() => setEditing('new')}>
            Configure Jira
          </Button>
        )}
      </Group>
      {remove.formError && (
        <Text c="red" size="sm" role="alert">
          {remove.formError}
        </Text>
      )}
      <QueryState
        query={jira}
        label="Loading Jira configuration"
        isEmpty={(d) => d.configs.length === 0}
        empty={
          <EmptyState title="Jira is not configured">
            {jira.data?.instances.length
              ? 'Maintainers can connect this product to a Jira project.'
              : 'An administrator must add a Jira instance first.'}
          </EmptyState>
        }
      >
        {(d) => (
          <Table aria-label="Jira configuration">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Instance</Table.Th>
                <Table.Th>Project</Table.Th>
                <Table.Th>Auto-push</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.configs.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{engagementName(c.engagementId)}</Table.Td>
                  <Table.Td>{d.instances.find((i) => i.id === c.instanceId)?.name ?? c.instanceId}</Table.Td>
                  <Table.Td>
                    {c.projectKey} · {c.issueType}
                    {c.engagementEpic ? ' · epics' : ''}
                  </Table.Td>
                  <Table.Td>{c.pushMinSeverity ? `${c.pushMinSeverity} and above` : 'by hand'}</Table.Td>
                  <Table.Td>
                    {d.canEdit && (
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => setEditing(c)}>
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => window.confirm('Remove this Jira configuration?') && remove.mutate(c.id)}
                        >
                          Remove
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Jira configuration" size="xl">
        {editing !== null && jira.data && (
          <JiraConfigForm
            productId={productId}
            instances={jira.data.instances}
            engagements={engagements.data?.items ?? []}
            initial={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </section>
  );
}
