import { Badge, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AdvisoryAffected } from '@vigil/client';

type Range = AdvisoryAffected['ranges'][number];

/** One range as published: its events in their published order, never merged into a min/max pair. */
function RangeEvents({ range, label }: { range: Range; label: string }) {
  return (
    <div>
      <Group gap="xs" mb={4}>
        <Badge size="sm" variant="light">
          {range.type}
        </Badge>
        {range.repo && (
          <Text size="xs" c="dimmed">
            {range.repo}
          </Text>
        )}
      </Group>
      <Table aria-label={label} withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {range.events.map((event, i) =>
            Object.entries(event).map(([kind, version]) => (
              // OSV events, ranges and affected entries have no ids: their published position is their identity.
              <Table.Tr key={`${i}-${kind}`}>
                <Table.Td w={130}>
                  <Text size="sm" c="dimmed">
                    {kind}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{version}</Code>
                </Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The affected packages: ecosystem, name, purl, every range exactly as published, listed versions. */
export function AffectedPackages({ affected }: { affected: AdvisoryAffected[] }) {
  if (affected.length === 0) return <Text c="dimmed">No affected packages are listed.</Text>;
  return (
    <Stack gap="sm">
      {affected.map((a, i) => {
        const name = `${a.ecosystem ?? '?'} ${a.name ?? '(no package)'}`;
        return (
          <Card key={i} withBorder aria-label={`Affected ${name}`} component="section">
            <Group gap="xs" mb="xs">
              <Badge variant="outline">{a.ecosystem ?? 'no ecosystem'}</Badge>
              <Title order={4} size="h5">
                {a.name ?? '(no package)'}
              </Title>
            </Group>
            {a.purl && (
              <Text size="xs" mb="xs">
                <Code>{a.purl}</Code>
              </Text>
            )}
            <Stack gap="sm">
              {a.ranges.map((r, j) => (
                <RangeEvents key={j} range={r} label={`${name} range ${j + 1}`} />
              ))}
            </Stack>
            {a.versions.length > 0 && (
              <Text size="sm" mt="xs">
                Versions: {a.versions.join(', ')}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
