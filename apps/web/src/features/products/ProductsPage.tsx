import { useState } from 'react';
import { Anchor, Button, Modal, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { GradeBadge } from '../../components/GradeBadge';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SearchInput } from '../../components/SearchInput';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useDebounced } from '../../hooks/use-debounced';
import { ProductForm } from './ProductForm';
import { queryKeys } from '../../app/query-keys';

export function ProductsPage() {
  const api = useApi();
  const [params] = useSearchParams();
  const productTypeId = params.get('productTypeId') ? Number(params.get('productTypeId')) : undefined;
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const [creating, setCreating] = useState(false);
  const list = useCursorList(queryKeys.products.list({ q, productTypeId }), (cursor) =>
    api.products.list({ search: q || undefined, productTypeId, cursor, limit: 50 }),
  );
  return (
    <>
      <PageHeader title="Products">
        <SearchInput value={search} onChange={setSearch} label="Search products" />
        <Button onClick={() => setCreating(true)}>New product</Button>
      </PageHeader>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No products">Create a product to start tracking its findings.</EmptyState>}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table striped highlightOnHover aria-label="Products">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Grade</Table.Th>
                  <Table.Th ta="right">Critical</Table.Th>
                  <Table.Th ta="right">High</Table.Th>
                  <Table.Th ta="right">Medium</Table.Th>
                  <Table.Th ta="right">Low</Table.Th>
                  <Table.Th>Tags</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/products/${p.id}`}>
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <GradeBadge grade={p.grade} />
                    </Table.Td>
                    <Table.Td ta="right">{p.openFindings.critical}</Table.Td>
                    <Table.Td ta="right">{p.openFindings.high}</Table.Td>
                    <Table.Td ta="right">{p.openFindings.medium}</Table.Td>
                    <Table.Td ta="right">{p.openFindings.low}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.tags.join(', ')}</Text>
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
      <Modal opened={creating} onClose={() => setCreating(false)} title="New product">
        {creating && <ProductForm defaultProductTypeId={productTypeId} onDone={() => setCreating(false)} />}
      </Modal>
    </>
  );
}
