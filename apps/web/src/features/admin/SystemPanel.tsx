import { Badge, Button, Card, Code, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { RehashRun, SystemOverview } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes > 10 * 1024 * 1024 ? 0 : 1)} MB`;

function Facts({ s }: { s: SystemOverview }) {
  const rows: [string, string][] = [
    ['Version', s.version],
    ['Database', `${s.database.kind === 'embedded' ? 'embedded (PGlite)' : 'PostgreSQL'} ${s.database.serverVersion}`],
    [
      'Migrations',
      `${s.migrations.applied.length} ` +
        `applied${s.migrations.pending.length ? `, ${s.migrations.pending.length} pending` : ''}`,
    ],
    ['Largest import', mb(s.limits.importMaxBytes)],
    ['Session lifetime', `${Math.round(s.limits.sessionTtlSeconds / 3600)} h`],
    ['Login lockout', `${s.limits.loginMaxFailures} failures in ${Math.round(s.limits.loginWindowSeconds / 60)} min`],
    ['Cross-tool matching', s.deduplication.crossToolMatching ? 'on' : 'off'],
  ];
  return (
    <Table aria-label="System" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={180}>{k}</Table.Th>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RunState({ run }: { run: RehashRun }) {
  if (run.state === 'done')
    return (
      <Text size="sm">
        done:{' '}
        {run.result
          ? `${run.result.findings} findings, ${run.result.hashesChanged} ` +
            `re-hashed, ${run.result.duplicateFlagsChanged} duplicate flags changed`
          : ''}
      </Text>
    );
  if (run.state === 'failed')
    return (
      <Text size="sm" c="red">
        failed: {run.error}
      </Text>
    );
  const pct = run.productsTotal ? (100 * run.productsDone) / run.productsTotal : 0;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {run.state} — {run.productsDone} of {run.productsTotal} products
      </Text>
      <Progress value={pct} size="sm" aria-label={`Re-hash of ${run.scanType}: ${Math.round(pct)}%`} />
    </Stack>
  );
}

/** Version, database, migrations, limits, and each scan type's deduplication identity with re-hash. */
export function SystemPanel() {
  const api = useApi();
  const overview = useQuery({ queryKey: queryKeys.admin.system, queryFn: () => api.system.overview() });
  const runs = useQuery({
    queryKey: queryKeys.admin.rehashRuns,
    queryFn: () => api.system.rehashRuns(),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ? 2000 : false,
  });
  const rehash = useApiMutation((scanType: string) => api.system.rehash(scanType), {
    invalidate: [queryKeys.admin.rehashRuns],
  });
  return (
    <QueryState query={overview} label="Loading system settings">
      {(s) => (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">
                System
              </Title>
              <Facts s={s} />
            </Card>
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">
                Largest tables
              </Title>
              <Table aria-label="Largest tables">
                <Table.Tbody>
                  {s.database.tables.map((t) => (
                    <Table.Tr key={t.table}>
                      <Table.Td>
                        <Code>{t.table}</Code>
                      </Table.Td>
                      <Table.Td ta="right">{t.rows.toLocaleString()} rows</Table.Td>
                      <Table.Td ta="right">{mb(t.bytes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={3} size="h5" mb={4}>
              Deduplication identity
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Set per scan type in VIGIL_DEDUP_CONFIG. After a change, workers re-hash the affected scan types by
              themselves; a re-hash can also be started here.
            </Text>
            <FormError message={rehash.formError} />
            <Table aria-label="Deduplication identity" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Scan type</Table.Th>
                  <Table.Th>Algorithm</Table.Th>
                  <Table.Th>Hashed fields</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.deduplication.scanTypes.map((t) => (
                  <Table.Tr key={t.scanType}>
                    <Table.Td>
                      {t.scanType} {t.overridden && <Badge size="xs">configured</Badge>}
                    </Table.Td>
                    <Table.Td>
                      <Code>{t.algorithm}</Code>
                    </Table.Td>
                    <Table.Td>{t.hashFields.join(', ')}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        loading={rehash.isPending && rehash.variables === t.scanType}
                        onClick={() => rehash.mutate(t.scanType)}
                      >
                        Re-hash
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <QueryState query={runs} label="Loading re-hash runs" isEmpty={(d) => d.items.length === 0} empty={null}>
              {(d) => (
                <Stack gap="xs" mt="md" aria-label="Re-hash runs">
                  {d.items.slice(0, 10).map((r) => (
                    <Group key={r.id} align="flex-start" wrap="nowrap">
                      <Text size="sm" w={220}>
                        #{r.id} {r.scanType}
                      </Text>
                      <RunState run={r} />
                    </Group>
                  ))}
                </Stack>
              )}
            </QueryState>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
