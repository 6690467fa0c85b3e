import { Table, Text } from '@mantine/core';
import type { FindingLocation } from '@vigil/client';

const describe = (l: FindingLocation) =>
  l.kind === 'dependency'
    ? (l.purl ?? '')
    : `${l.protocol ? `${l.protocol}://` : ''}${l.host ?? ''}${l.port ? `:${l.port}` : ''}${l.path ?? ''}` +
      `${l.query ? `?${l.query}` : ''}`;

export function FindingLocations({ locations }: { locations: FindingLocation[] }) {
  if (locations.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No locations recorded.
      </Text>
    );
  return (
    <Table aria-label="Locations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Location</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {locations.map((l) => (
          <Table.Tr key={l.id}>
            <Table.Td>{l.kind}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>{describe(l)}</Table.Td>
            <Table.Td>{l.mitigated ? 'mitigated' : 'open'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
