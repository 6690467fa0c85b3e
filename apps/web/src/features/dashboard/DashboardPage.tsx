import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { SEVERITIES } from '@vigil/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SeverityBadge } from '../../components/SeverityBadge';
import { ProductRiskTable } from './ProductRiskTable';
import { SeverityChart } from './SeverityChart';
import { severityTotals, useDashboardData } from './use-dashboard-data';

export function DashboardPage() {
  const { products, breaches } = useDashboardData();
  return (
    <>
      <PageHeader title="Dashboard" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="lg" component="section" aria-labelledby="sev-title">
          <Title order={3} size="h4" id="sev-title" mb="md">
            Open findings by severity
          </Title>
          <QueryState query={products} label="Loading findings by severity">
            {(list) => {
              const totals = severityTotals(list);
              const total = SEVERITIES.reduce((n, s) => n + totals[s], 0);
              return (
                <Stack gap="xs">
                  <Text size="sm" c="dimmed" data-testid="open-total">
                    {total} open findings
                  </Text>
                  <SeverityChart counts={totals} hrefFor={(s) => `/findings?severity=${s}&active=true`} />
                </Stack>
              );
            }}
          </QueryState>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="sla-title">
          <Title order={3} size="h4" id="sla-title" mb="md">
            SLA breaches
          </Title>
          <QueryState query={breaches} label="Loading SLA breaches">
            {(b) => (
              <Stack gap="sm">
                <Anchor component={Link} to="/findings?sla=breached&active=true" fz={40} fw={800} data-testid="sla-breaches" aria-label={`${b.count} findings past their SLA`}>
                  {b.count}
                  {b.more ? '+' : ''}
                </Anchor>
                <Text size="sm" c="dimmed">
                  active findings past their remediation date
                </Text>
                {b.worst.map((f) => (
                  <Group key={f.id} gap="xs" wrap="nowrap">
                    <SeverityBadge severity={f.severity} />
                    <Anchor component={Link} to={`/findings/${f.id}`} size="sm" lineClamp={1}>
                      {f.title}
                    </Anchor>
                  </Group>
                ))}
              </Stack>
            )}
          </QueryState>
        </Card>
      </SimpleGrid>
      <Card withBorder padding="lg" mt="md" component="section" aria-labelledby="risk-title">
        <Title order={3} size="h4" id="risk-title" mb="md">
          Products by risk
        </Title>
        <QueryState query={products} label="Loading products">
          {(list) => <ProductRiskTable products={list} />}
        </QueryState>
      </Card>
    </>
  );
}
