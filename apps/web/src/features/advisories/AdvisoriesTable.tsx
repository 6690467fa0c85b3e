import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AdvisorySummary } from '@vigil/client';
import { RatingBadge } from './RatingBadge';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/** Search results: each advisory links to its page; aliases and the alias group's canonical id beside it. */
export function AdvisoriesTable({ advisories }: { advisories: AdvisorySummary[] }) {
  return (
    <Table aria-label="Advisories" striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Advisory</Table.Th>
          <Table.Th>Summary</Table.Th>
          <Table.Th>Rating</Table.Th>
          <Table.Th>Published</Table.Th>
          <Table.Th>Modified</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {advisories.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Group gap={4}>
                <Anchor component={Link} to={`/advisories/${encodeURIComponent(a.id)}`} fw={500}>
                  {a.id}
                </Anchor>
                {a.withdrawn && (
                  <Badge size="xs" color="gray" variant="outline">
                    withdrawn
                  </Badge>
                )}
              </Group>
              {a.aliases.length > 0 && (
                <Text size="xs" c="dimmed">
                  {a.aliases.join(', ')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2}>
                {a.summary ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <RatingBadge rating={a.severityRating} score={a.severityScore} />
            </Table.Td>
            <Table.Td>{day(a.published)}</Table.Td>
            <Table.Td>{day(a.modified)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
