import { useState } from 'react';
import { Anchor, Button, Group, Modal, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ProductType } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SearchInput } from '../../components/SearchInput';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useDebounced } from '../../hooks/use-debounced';
import { ProductTypeForm } from './ProductTypeForm';
import { queryKeys } from '../../app/query-keys';

export function ProductTypesPage() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const [editing, setEditing] = useState<ProductType | 'new' | null>(null);
  const list = useCursorList(queryKeys.productTypes.list({ q }), (cursor) =>
    api.productTypes.list({ search: q || undefined, cursor, limit: 50 }),
  );
  return (
    <>
      <PageHeader title="Product types">
        <SearchInput value={search} onChange={setSearch} label="Search product types" />
        <Button onClick={() => setEditing('new')}>New product type</Button>
      </PageHeader>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No product types">Create one to group your products.</EmptyState>}
      >
        {(items) => (
          <Table striped highlightOnHover aria-label="Product types">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Flags</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((pt) => (
                <Table.Tr key={pt.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/products?productTypeId=${pt.id}`}>
                      {pt.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {pt.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {[pt.criticalProduct && 'critical', pt.keyProduct && 'key'].filter(Boolean).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(pt)} aria-label={`Edit ${pt.name}`}>
                        Edit
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <LoadMoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New product type' : 'Edit product type'}
      >
        {editing !== null && (
          <ProductTypeForm initial={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </>
  );
}
