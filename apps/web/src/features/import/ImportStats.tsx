import { Table, Text } from '@mantine/core';
import type { ImportScanResponse } from '@vigil/client';

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [[prefix || 'result', String(value)]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? flatten(v, prefix ? `${prefix} › ${k}` : k) : [[prefix ? `${prefix} › ${k}` : k, Array.isArray(v) ? v.join(', ') : String(v)] as [string, string]],
  );
}

/** The import's statistics as the server returned them (created, closed, … by severity). */
export function ImportStats({ result }: { result: ImportScanResponse }) {
  const rows = flatten(result.statistics ?? result);
  return (
    <>
      <Text fw={600} mb="xs" role="status">
        Import finished{result.testId ?? result.test ? ` — test #${result.testId ?? result.test}` : ''}
      </Text>
      <Table aria-label="Import statistics" striped>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td>{k}</Table.Td>
              <Table.Td ta="right">{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
