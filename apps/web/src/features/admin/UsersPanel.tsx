import { useState } from 'react';
import { Badge, Button, Group, Modal, Table } from '@mantine/core';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { QueryState } from '../../components/QueryState';
import { SearchInput } from '../../components/SearchInput';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useDebounced } from '../../hooks/use-debounced';
import { UserForm } from './UserForm';
import { queryKeys } from '../../app/query-keys';

export function UsersPanel() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const [creating, setCreating] = useState(false);
  const list = useCursorList(queryKeys.users.list({ q }), (cursor) =>
    api.users.list({ search: q || undefined, cursor, limit: 50 }),
  );
  return (
    <>
      <Group justify="space-between" mb="sm">
        <SearchInput value={search} onChange={setSearch} label="Search users" />
        <Button onClick={() => setCreating(true)}>New user</Button>
      </Group>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No users match" />}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table striped aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Username</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Last login</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.username}</Table.Td>
                    <Table.Td>{[u.firstName, u.lastName].filter(Boolean).join(' ')}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      {u.isAdmin && <Badge size="sm">admin</Badge>}{' '}
                      {!u.isActive && (
                        <Badge size="sm" color="gray">
                          inactive
                        </Badge>
                      )}{' '}
                      {u.feedOnly && (
                        <Badge
                          size="sm"
                          color="grape"
                          title="Registered by the MiniTwit simulator: cannot sign in until promoted"
                        >
                          feed-only
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never'}</Table.Td>
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
      <Modal opened={creating} onClose={() => setCreating(false)} title="New user">
        {creating && <UserForm onDone={() => setCreating(false)} />}
      </Modal>
    </>
  );
}
