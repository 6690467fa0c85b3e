import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { SEVERITIES } from '@vigil/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ProductRiskTable } from './ProductRiskTable';
import { RecentImports } from './RecentImports';
import { RemediationTimes } from './RemediationTimes';
import { SeverityChart } from './SeverityChart';
import { SlaCard } from './SlaCard';
import { TrendChart } from './TrendChart';
import { severityTotals, useDashboardData } from './use-dashboard-data';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export function DashboardPage() {
  const { products, overview } = useDashboardData();
  return (
    <>
      <PageHeader title="Dashboard" />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section id="sev-title" title="Open findings by severity">
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
          </Section>
          <Section id="sla-title" title="SLA">
            <QueryState query={overview} label="Loading SLA figures">
              {(d) => <SlaCard sla={d.sla} />}
            </QueryState>
          </Section>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section id="trend-title" title="Open findings, last 90 days">
            <QueryState query={overview} label="Loading the trend">
              {(d) => <TrendChart trend={d.trend} href="/findings?active=true" />}
            </QueryState>
          </Section>
          <Section id="mttr-title" title="Mean time to remediate">
            <QueryState query={overview} label="Loading remediation times">
              {(d) => <RemediationTimes rows={d.meanTimeToRemediate} />}
            </QueryState>
          </Section>
        </SimpleGrid>
        <Section id="risk-title" title="Products by risk">
          <QueryState query={products} label="Loading products">
            {(list) => <ProductRiskTable products={list} />}
          </QueryState>
        </Section>
        <Section id="imports-title" title="Recent imports">
          <QueryState query={overview} label="Loading recent imports">
            {(d) => <RecentImports imports={d.recentImports} />}
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}
