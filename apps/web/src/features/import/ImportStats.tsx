import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IMPORT_STATISTIC_ROWS, type ImportRequestResult } from '@vigil/client';

const SEVERITY_COLUMNS = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** What an import did: created, reactivated, closed, untouched and duplicate findings, by severity. */
export function ImportStats({ result }: { result: ImportRequestResult }) {
  return (
    <>
      <Text fw={600} mb="xs" role="status">
        {result.mode === 'reimport' ? 'Reimport' : 'Import'} finished: {result.findingsInReport} findings in the report
        ({result.scanType}) —{' '}
        <Anchor component={Link} to={`/findings?testId=${result.testId}`}>
          see test #{result.testId}
        </Anchor>
      </Text>
      <Table aria-label="Import statistics" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">Total</Table.Th>
            {SEVERITY_COLUMNS.map((s) => (
              <Table.Th key={s} ta="right" tt="capitalize">
                {s}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {IMPORT_STATISTIC_ROWS.map((a) => {
            const c = result.statistics[a];
            return (
              <Table.Tr key={a}>
                <Table.Td tt="capitalize">{a}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {c?.total ?? 0}
                </Table.Td>
                {SEVERITY_COLUMNS.map((s) => (
                  <Table.Td key={s} ta="right">
                    {c?.[s] ?? 0}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
