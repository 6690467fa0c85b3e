import { Alert, Anchor, Badge, Card, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { AdvisoryDetail } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { QueryState } from '../../components/QueryState';
import { AffectedPackages } from './AffectedPackages';
import { RatingBadge } from './RatingBadge';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function AliasGroup({ advisory: a }: { advisory: AdvisoryDetail }) {
  const held = new Set(a.aliasGroup.advisories);
  return (
    <Group gap="xs" aria-label="Alias group">
      {a.aliasGroup.members.map((m) =>
        held.has(m) && m !== a.id ? (
          <Anchor key={m} component={Link} to={`/advisories/${encodeURIComponent(m)}`} size="sm">
            {m}
          </Anchor>
        ) : (
          <Badge key={m} variant={m === a.aliasGroup.canonicalId ? 'filled' : 'light'} color="gray">
            {m}
          </Badge>
        ),
      )}
    </Group>
  );
}

function Severities({ advisory: a }: { advisory: AdvisoryDetail }) {
  if (a.severities.length === 0) return <Text c="dimmed">No severity is published.</Text>;
  return (
    <Table aria-label="Severities">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Type</Table.Th>
          <Table.Th>Vector</Table.Th>
          <Table.Th>Score</Table.Th>
          <Table.Th>Applies to</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {a.severities.map((s) => (
          <Table.Tr key={`${s.type}-${s.affectedIndex}-${s.vector}`}>
            <Table.Td>{s.type}</Table.Td>
            <Table.Td>
              <Code>{s.vector}</Code>
            </Table.Td>
            <Table.Td>
              <RatingBadge rating={s.rating} score={s.score} />
            </Table.Td>
            <Table.Td>
              {s.affectedIndex === null ? 'the advisory' : (a.affected[s.affectedIndex]?.name ?? '—')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** One advisory as the database holds it, reached by its id or any alias. */
export function AdvisoryDetailPage() {
  const id = useParams().id ?? '';
  const api = useApi();
  const advisory = useQuery({ queryKey: queryKeys.advisories.detail(id), queryFn: () => api.advisories.get(id) });
  return (
    <QueryState query={advisory} label="Loading advisory">
      {(a) => (
        <Stack gap="md">
          {a.withdrawn && (
            <Alert color="gray" title="Withdrawn">
              This advisory was withdrawn on {day(a.withdrawn)}: its source no longer considers it valid.
            </Alert>
          )}
          <div>
            <Group gap="xs">
              <Title order={2}>{a.id}</Title>
              <RatingBadge rating={a.severityRating} score={a.severityScore} />
            </Group>
            {a.matchedBy === 'alias' && (
              <Text size="sm" c="dimmed">
                Found by its alias {id}
              </Text>
            )}
            <Text mt={4}>{a.summary ?? ''}</Text>
            <Text size="sm" c="dimmed">
              Published {day(a.published)} · modified {day(a.modified)} · from {a.source}
              {a.cwes.length > 0 && ` · ${a.cwes.map((c) => `CWE-${c}`).join(', ')}`}
            </Text>
          </div>
          <Section title="Aliases">
            <AliasGroup advisory={a} />
          </Section>
          {a.details && (
            <Section title="Details">
              <Text style={{ whiteSpace: 'pre-wrap' }}>{a.details}</Text>
            </Section>
          )}
          <Section title="Severities">
            <Severities advisory={a} />
          </Section>
          <Section title="Affected packages">
            <AffectedPackages affected={a.affected} />
          </Section>
          {a.references.length > 0 && (
            <Section title="References">
              <List size="sm">
                {a.references.map((r) => (
                  <List.Item key={`${r.type}-${r.url}`}>
                    <Badge size="xs" variant="light" mr="xs">
                      {r.type}
                    </Badge>
                    <Anchor href={r.url} target="_blank" rel="noreferrer noopener">
                      {r.url}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Section>
          )}
          {a.credits.length > 0 && (
            <Section title="Credits">
              <List size="sm">
                {a.credits.map((c) => (
                  <List.Item key={`${c.name}-${c.type}`}>
                    {c.name}
                    {c.type && ` (${c.type.toLowerCase().replace(/_/g, ' ')})`}
                  </List.Item>
                ))}
              </List>
            </Section>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
