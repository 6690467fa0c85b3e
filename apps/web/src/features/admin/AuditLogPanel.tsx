import { useState } from 'react';
import { Code, Group, Table, TextInput } from '@mantine/core';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { QueryState } from '../../components/QueryState';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useDebounced } from '../../hooks/use-debounced';
import { queryKeys } from '../../app/query-keys';

export function AuditLogPanel() {
  const api = useApi();
  const [entityType, setEntityType] = useState('');
  const type = useDebounced(entityType.trim());
  const list = useCursorList(queryKeys.auditLog.list({ type }), (cursor) =>
    api.auditLog.list({ entityType: type || undefined, cursor, limit: 100 }),
  );
  return (
    <>
      <Group mb="sm">
        <TextInput
          label="Entity type"
          placeholder="finding, product…"
          value={entityType}
          onChange={(e) => setEntityType(e.currentTarget.value)}
          w={220}
        />
      </Group>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No audit entries" />}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table striped aria-label="Audit log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>Request</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                    <Table.Td>{e.actorId ? `user #${e.actorId}` : 'system'}</Table.Td>
                    <Table.Td>
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {e.entityType} #{e.entityId}
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.requestId?.slice(0, 8)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <LoadMoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
