import { Badge, Button, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { JOB_STATES, type FailedJob, type JobQueueStatus } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function QueueTable({ queues }: { queues: JobQueueStatus[] }) {
  return (
    <Table aria-label="Queues" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Queue</Table.Th>
          {JOB_STATES.map((s) => (
            <Table.Th key={s} ta="right">
              {s}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {queues.map((q) => (
          <Table.Tr key={q.queue}>
            <Table.Td>
              <Code>{q.queue}</Code>
            </Table.Td>
            {JOB_STATES.map((s) => (
              <Table.Td key={s} ta="right" c={s === 'failed' && q.counts[s] > 0 ? 'red' : undefined}>
                {q.counts[s].toLocaleString()}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FailedJobs({ jobs }: { jobs: FailedJob[] }) {
  const api = useApi();
  const retry = useApiMutation((id: string) => api.jobs.retry(id), { invalidate: [queryKeys.admin.jobs] });
  if (!jobs.length)
    return (
      <EmptyState title="No failed jobs">Jobs that fail their last retry appear here with their error.</EmptyState>
    );
  return (
    <>
      <FormError message={retry.formError} />
      <Table aria-label="Failed jobs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queue</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>Tries</Table.Th>
            <Table.Th>Failed</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td>
                <Code>{j.queue}</Code>
                <Text size="xs" c="dimmed">
                  {JSON.stringify(j.data).slice(0, 120)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="red" style={{ wordBreak: 'break-word' }}>
                  {j.error}
                </Text>
              </Table.Td>
              <Table.Td>{j.attempts}</Table.Td>
              <Table.Td>{when(j.failedOn)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Retry job ${j.id}`}
                  loading={retry.isPending && retry.variables === j.id}
                  onClick={() => retry.mutate(j.id)}
                >
                  Retry
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** Administration → Jobs: queue depths per state and dead letters with a Retry button (refreshes every 5 s). */
export function JobsPanel() {
  const api = useApi();
  const overview = useQuery({
    queryKey: queryKeys.admin.jobs,
    queryFn: () => api.jobs.overview(),
    refetchInterval: 5000,
  });
  return (
    <QueryState query={overview} label="Loading jobs">
      {(o) => (
        <Stack gap="md">
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              Queues
            </Title>
            {o.queues.length ? (
              <QueueTable queues={o.queues} />
            ) : (
              <EmptyState title="No queues yet">Queues are created when a Vigil role starts.</EmptyState>
            )}
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              Failed jobs <Badge color={o.failed.length ? 'red' : 'gray'}>{o.failed.length}</Badge>
            </Title>
            <FailedJobs jobs={o.failed} />
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
