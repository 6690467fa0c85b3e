import { Button, Card } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { EmptyState } from '../../components/EmptyState';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCursorList } from '../../hooks/use-cursor-list';
import { paramsFromSearch, queryFromSearch, searchFromParams } from './advisory-search';
import { AdvisoriesTable } from './AdvisoriesTable';
import { AdvisorySearchForm } from './AdvisorySearchForm';

/** The vulnerability database: search advisories (the search lives in the URL), newest first. */
export function AdvisoriesPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const search = searchFromParams(params);
  const query = queryFromSearch(search);
  const list = useCursorList(queryKeys.advisories.list(query), (cursor) =>
    api.advisories.list({ ...query, cursor, limit: 50 }),
  );
  return (
    <>
      <PageHeader title="Advisories">
        <Button component={Link} to="/vulndb/sync-runs" variant="default">
          Sync history
        </Button>
      </PageHeader>
      <Card withBorder mb="md">
        <AdvisorySearchForm key={params.toString()} initial={search} onSearch={(s) => setParams(paramsFromSearch(s))} />
      </Card>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        label="Loading advisories"
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No advisories match">Loosen the search, or load advisories with a sync.</EmptyState>}
      >
        {(items) => <AdvisoriesTable advisories={items} />}
      </QueryState>
      <LoadMoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
