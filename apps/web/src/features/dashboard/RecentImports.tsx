import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { DashboardImport } from '@vigil/client';

/** The last imports into readable products, with what each changed. */
export function RecentImports({ imports }: { imports: DashboardImport[] }) {
  if (!imports.length) return <Text c="dimmed">No imports yet. Import a scan report to see it here.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped aria-label="Recent imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>Scan type</Table.Th>
            <Table.Th ta="right">New</Table.Th>
            <Table.Th ta="right">Closed</Table.Th>
            <Table.Th ta="right">Reactivated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{new Date(i.at).toLocaleString()}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/products/${i.productId}`}>
                  {i.productName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/findings?testId=${i.testId}`}>
                  {i.scanType}
                </Anchor>
                {i.kind === 'reimport' ? ' (reimport)' : ''}
              </Table.Td>
              <Table.Td ta="right">{i.statistics.created}</Table.Td>
              <Table.Td ta="right">{i.statistics.closed}</Table.Td>
              <Table.Td ta="right">{i.statistics.reactivated}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
