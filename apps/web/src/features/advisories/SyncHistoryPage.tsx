import { Alert, Badge, Button, Code, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { SyncRun, TriggerSyncResponse } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { useMe } from '../../app/use-me';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';

const STATUS_COLOR: Record<SyncRun['status'], string> = { running: 'blue', succeeded: 'green', failed: 'red' };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function RunsTable({ runs }: { runs: SyncRun[] }) {
  return (
    <Table aria-label="Sync runs" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Source</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Finished</Table.Th>
          <Table.Th ta="right">Read</Table.Th>
          <Table.Th ta="right">New</Table.Th>
          <Table.Th ta="right">Updated</Table.Th>
          <Table.Th ta="right">Unchanged</Table.Th>
          <Table.Th ta="right">Withdrawn</Table.Th>
          <Table.Th ta="right">Invalid</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Code>{r.ecosystem ? `${r.source}:${r.ecosystem}` : r.source}</Code>
              {r.origin && (
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {r.origin}
                </Text>
              )}
              {r.error && (
                <Text size="xs" c="red">
                  {r.error}
                </Text>
              )}
              {r.invalidRecords.slice(0, 3).map((i) => (
                <Text key={i.id} size="xs" c="orange">
                  {i.id}: {i.reason}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[r.status]} variant="light">
                {r.status}
              </Badge>
            </Table.Td>
            <Table.Td>{when(r.startedAt)}</Table.Td>
            <Table.Td>{when(r.finishedAt)}</Table.Td>
            {(['read', 'inserted', 'updated', 'unchanged', 'withdrawn', 'invalid'] as const).map((k) => (
              <Table.Td key={k} ta="right">
                {r.counts[k].toLocaleString()}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Queued({ result }: { result: TriggerSyncResponse }) {
  return (
    <Alert color="blue" title="Sync queued" mb="md">
      {result.queued.map((q) => (
        <Text key={`${q.source}-${q.ecosystem}`} size="sm">
          {q.ecosystem ? `${q.source}:${q.ecosystem}` : q.source}
          {q.jobId ? ' queued' : ' was already queued a moment ago'}
        </Text>
      ))}
    </Alert>
  );
}

/** The vulnerability database's sync history (refreshed while a run is going); administrators can sync now. */
export function SyncHistoryPage() {
  const api = useApi();
  const me = useMe();
  const runs = useInfiniteQuery({
    queryKey: queryKeys.advisories.syncRuns,
    queryFn: ({ pageParam }) => api.advisories.syncRuns({ cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((r) => r.status === 'running')) ? 3000 : false,
  });
  const trigger = useApiMutation(() => api.advisories.triggerSync(), { invalidate: [queryKeys.advisories.syncRuns] });
  const items = runs.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader title="Sync history">
        {me.data?.isAdmin && (
          <Button onClick={() => trigger.mutate(undefined)} loading={trigger.isPending}>
            Sync now
          </Button>
        )}
      </PageHeader>
      <FormError message={trigger.formError} />
      {trigger.data && <Queued result={trigger.data} />}
      <QueryState
        query={{ ...runs, data: items }}
        label="Loading sync runs"
        isEmpty={(d) => d.length === 0}
        empty={
          <EmptyState title="No sync has run yet">
            Syncs run on the schedule an administrator configures (VIGIL_VULNDB_SYNC_CRON) or with Sync now.
          </EmptyState>
        }
      >
        {(list) => <RunsTable runs={list} />}
      </QueryState>
      <LoadMoreButton
        hasMore={runs.hasNextPage}
        loading={runs.isFetchingNextPage}
        onLoad={() => void runs.fetchNextPage()}
      />
    </>
  );
}
