import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Product } from '@vigil/client';
import { GradeBadge } from '../../components/GradeBadge';

const riskScore = (p: Product) =>
  p.openFindings.critical * 1000 + p.openFindings.high * 100 + p.openFindings.medium * 10 + p.openFindings.low;

export function ProductRiskTable({ products }: { products: Product[] }) {
  const top = [...products].sort((a, b) => riskScore(b) - riskScore(a) || a.name.localeCompare(b.name)).slice(0, 8);
  if (top.length === 0) return <Text c="dimmed">No products yet.</Text>;
  return (
    <Table striped highlightOnHover aria-label="Products by risk">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Grade</Table.Th>
          <Table.Th ta="right">Critical</Table.Th>
          <Table.Th ta="right">High</Table.Th>
          <Table.Th ta="right">Medium</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {top.map((p) => (
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
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
