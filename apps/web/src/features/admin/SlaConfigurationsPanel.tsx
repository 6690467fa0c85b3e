import { useState } from 'react';
import { Button, Group, Modal, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SlaConfiguration } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { SlaConfigurationForm } from './SlaConfigurationForm';
import { queryKeys } from '../../app/query-keys';

export function SlaConfigurationsPanel() {
  const api = useApi();
  const configs = useQuery({ queryKey: queryKeys.slaConfigurations.all, queryFn: () => api.slaConfigurations.list() });
  const [editing, setEditing] = useState<SlaConfiguration | 'new' | null>(null);
  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button onClick={() => setEditing('new')}>New SLA configuration</Button>
      </Group>
      <QueryState query={configs} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title="No SLA configurations" />}>
        {(d) => (
          <Table striped aria-label="SLA configurations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th ta="right">Critical</Table.Th>
                <Table.Th ta="right">High</Table.Th>
                <Table.Th ta="right">Medium</Table.Th>
                <Table.Th ta="right">Low</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td ta="right">{c.criticalDays}d</Table.Td>
                  <Table.Td ta="right">{c.highDays}d</Table.Td>
                  <Table.Td ta="right">{c.mediumDays}d</Table.Td>
                  <Table.Td ta="right">{c.lowDays}d</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New SLA configuration' : 'Edit SLA configuration'} size="lg">
        {editing !== null && <SlaConfigurationForm initial={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
