import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { TestRun } from '@vigil/client';

export function TestTable({ tests }: { tests: TestRun[] }) {
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table striped aria-label="Tests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Test</Table.Th>
            <Table.Th>Scan type</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Findings</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tests.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.title || `Test #${t.id}`}</Table.Td>
              <Table.Td>{t.scanType}</Table.Td>
              <Table.Td>{t.environment}</Table.Td>
              <Table.Td>{t.targetStart.slice(0, 10)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/findings?testId=${t.id}`}>
                  View findings
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
