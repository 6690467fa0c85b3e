import { useState } from 'react';
import { Alert, Group, Modal, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StatusAction } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useLiveFindings } from './use-live-findings';
import { BulkActionBar } from './BulkActionBar';
import { BulkAssignForm } from './BulkAssignForm';
import { BulkRiskAcceptForm } from './BulkRiskAcceptForm';
import { ExportMenu } from './ExportMenu';
import { fetchFullFindings } from './export-findings';
import { toListQuery } from './finding-filters';
import { FindingsFilters } from './FindingsFilters';
import { FindingsTable } from './FindingsTable';
import { useFindingFilters } from './use-finding-filters';
import { useFindingSelection } from './use-finding-selection';
import { queryKeys } from '../../app/query-keys';

const PAGE_SIZE = 200;

export function FindingsPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useFindingFilters();
  const selection = useFindingSelection();
  const query = toListQuery(filters);
  const list = useCursorList(queryKeys.findings.list(query), (cursor) =>
    api.findings.list({ ...query, cursor, limit: PAGE_SIZE }),
  );
  useLiveFindings({ list: true });
  const bulk = useApiMutation(
    ({ ids, action }: { ids: number[]; action: StatusAction }) => api.findings.bulkStatus(ids, action),
    {
      invalidate: [queryKeys.findings.all, queryKeys.dashboard.all, queryKeys.products.all],
      onSuccess: () => selection.clear(),
    },
  );
  // Same query (and cache entry) as the product filter's options.
  const products = useQuery({ queryKey: queryKeys.products.options, queryFn: () => api.products.list({ limit: 500 }) });
  const productNames = new Map((products.data?.items ?? []).map((p) => [p.id, p.name]));
  const [dialog, setDialog] = useState<'assign' | 'risk' | null>(null);
  const jiraPush = useApiMutation((ids: number[]) => api.jira.pushFindings(ids), {
    invalidate: [queryKeys.findings.all],
    onSuccess: () => selection.clear(),
  });
  const selectedFindings = list.items.filter((f) => selection.selected.has(f.id));
  const closeDialog = () => {
    setDialog(null);
    selection.clear();
  };
  const onEndReached = () => {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };
  return (
    <>
      <PageHeader title="Findings">
        <ExportMenu
          findings={list.items}
          fetchFull={(count) => fetchFullFindings(api.findings.listFull, query, count)}
        />
      </PageHeader>
      <FindingsFilters
        value={filters}
        onChange={(f) => {
          selection.clear();
          setFilters(f);
          void queryClient.cancelQueries({ queryKey: queryKeys.findings.lists });
        }}
      />
      {jiraPush.data && (
        <Alert
          color={jiraPush.data.skipped.length ? 'yellow' : 'green'}
          mb="sm"
          role="status"
          title="Sent to Jira"
          withCloseButton
          onClose={() => jiraPush.reset()}
        >
          {jiraPush.data.items.length} finding{jiraPush.data.items.length === 1 ? '' : 's'} queued for Jira
          {jiraPush.data.skipped.length
            ? `; ${jiraPush.data.skipped.length} skipped (no Jira configuration for their product)`
            : ''}
          .
        </Alert>
      )}
      {jiraPush.formError && (
        <Alert color="red" mb="sm" role="alert" title="Push to Jira failed">
          {jiraPush.formError}
        </Alert>
      )}
      {bulk.formError && (
        <Alert color="red" mb="sm" role="alert" title="Bulk action failed">
          {bulk.formError}
        </Alert>
      )}
      <BulkActionBar
        count={selection.selected.size}
        busy={bulk.isPending || jiraPush.isPending}
        onAction={(action) => bulk.mutate({ ids: [...selection.selected], action })}
        onClear={selection.clear}
        onAssign={() => setDialog('assign')}
        onAcceptRisk={() => setDialog('risk')}
        onPushToJira={() => jiraPush.mutate([...selection.selected])}
      />
      <Modal opened={dialog === 'assign'} onClose={() => setDialog(null)} title="Assign findings">
        <BulkAssignForm
          ids={selectedFindings.map((f) => f.id)}
          productIds={[...new Set(selectedFindings.map((f) => f.productId))]}
          onDone={closeDialog}
          onCancel={() => setDialog(null)}
        />
      </Modal>
      <Modal opened={dialog === 'risk'} onClose={() => setDialog(null)} title="Accept risk">
        <BulkRiskAcceptForm findings={selectedFindings} onDone={closeDialog} onCancel={() => setDialog(null)} />
      </Modal>
      <QueryState
        query={{ ...list, data: list.data ? list.items : undefined }}
        label="Loading findings"
        isEmpty={(d) => d.length === 0}
        empty={
          <EmptyState title="No findings match these filters">
            Change or clear the filters, or import a scan report.
          </EmptyState>
        }
      >
        {(items) => (
          <>
            <FindingsTable
              findings={items}
              selected={selection.selected}
              onToggle={selection.toggle}
              onToggleAll={(all) => (all ? selection.setAll(items.map((f) => f.id)) : selection.clear())}
              onEndReached={onEndReached}
              productNames={productNames}
            />
            <Group justify="space-between" mt={6}>
              <Text size="xs" c="dimmed" aria-live="polite" data-testid="findings-count">
                {items.length} loaded{list.hasNextPage ? ' — scroll for more' : ''}
              </Text>
              {list.isFetchingNextPage && (
                <Text size="xs" c="dimmed">
                  Loading more…
                </Text>
              )}
            </Group>
          </>
        )}
      </QueryState>
    </>
  );
}
