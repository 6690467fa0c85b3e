import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { queryKeys } from '../../app/query-keys';

const COLORS = { sent: 'green', pending: 'blue', sending: 'blue', failed: 'red', cancelled: 'gray' } as const;

/** The last 50 deliveries of one channel, with attempts and errors. */
export function ChannelDeliveries({ id }: { id: number }) {
  const api = useApi();
  const channel = useQuery({
    queryKey: queryKeys.notifications.channel(id),
    queryFn: () => api.notifications.channel(id),
  });
  return (
    <QueryState
      query={channel}
      isEmpty={(c) => c.recentDeliveries.length === 0}
      empty={<EmptyState title="Nothing sent yet" />}
      label="Loading deliveries"
    >
      {(c) => (
        <Table aria-label="Deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Created</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.recentDeliveries.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{new Date(d.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Badge color={COLORS[d.status]}>{d.status}</Badge>
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>
                  <Text size="xs">{d.lastError ?? ''}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}
