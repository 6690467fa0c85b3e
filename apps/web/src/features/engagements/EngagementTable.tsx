import { Anchor, Badge, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { Engagement } from '@vigil/client';

export function EngagementTable({ engagements }: { engagements: Engagement[] }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover aria-label="Engagements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Start</Table.Th>
            <Table.Th>End</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {engagements.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/engagements/${e.id}`}>
                  {e.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={e.status === 'Completed' ? 'green' : e.status === 'Blocked' ? 'red' : 'blue'}
                >
                  {e.status}
                </Badge>
              </Table.Td>
              <Table.Td>{e.engagementType}</Table.Td>
              <Table.Td>{e.targetStart}</Table.Td>
              <Table.Td>{e.targetEnd}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
