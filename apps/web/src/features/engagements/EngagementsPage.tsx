import { useState } from 'react';
import { Select } from '@mantine/core';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SearchInput } from '../../components/SearchInput';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useDebounced } from '../../hooks/use-debounced';
import { EngagementTable } from './EngagementTable';
import { queryKeys } from '../../app/query-keys';

export function EngagementsPage() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EngagementStatus | null>(null);
  const q = useDebounced(search);
  const list = useCursorList(queryKeys.engagements.list({ q, status }), (cursor) =>
    api.engagements.list({ search: q || undefined, status: status ?? undefined, cursor, limit: 50 }),
  );
  return (
    <>
      <PageHeader title="Engagements">
        <SearchInput value={search} onChange={setSearch} label="Search engagements" />
        <Select
          aria-label="Status"
          placeholder="Any status"
          data={[...ENGAGEMENT_STATUSES]}
          value={status}
          onChange={(v) => setStatus(v as EngagementStatus | null)}
          clearable
          w={200}
        />
      </PageHeader>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No engagements">Create one from a product's page.</EmptyState>}
      >
        {(items) => <EngagementTable engagements={items} />}
      </QueryState>
      <LoadMoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
