import { Badge, Code, Table, Text } from '@mantine/core';
import type { InventoryComponent } from '@vigil/client';

/** An engagement's inventory: name (with group), version, purl, scope, licences, direct dependencies. */
export function ComponentsTable({ components }: { components: InventoryComponent[] }) {
  return (
    <Table aria-label="Components" striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Component</Table.Th>
          <Table.Th>Version</Table.Th>
          <Table.Th>Package URL</Table.Th>
          <Table.Th>Scope</Table.Th>
          <Table.Th>Licences</Table.Th>
          <Table.Th>Dependencies</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {components.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {c.name}
              </Text>
              {c.group && (
                <Text size="xs" c="dimmed">
                  {c.group}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{c.version ?? '—'}</Table.Td>
            <Table.Td>{c.purl ? <Code>{c.purl}</Code> : '—'}</Table.Td>
            <Table.Td>
              {c.scope ? (
                <Badge size="sm" variant="light" color={c.scope === 'required' ? 'blue' : 'gray'}>
                  {c.scope}
                </Badge>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>{c.licenses.length > 0 ? c.licenses.join('; ') : '—'}</Table.Td>
            <Table.Td>{c.dependencyCount}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
