import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TestForm } from './TestForm';
import { TestTable } from './TestTable';
import { queryKeys } from '../../app/query-keys';
import { ComponentsPanel } from '../sbom/ComponentsPanel';

export function EngagementDetailPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const engagement = useQuery({ queryKey: queryKeys.engagements.detail(id), queryFn: () => api.engagements.get(id) });
  const tests = useQuery({
    queryKey: queryKeys.tests.list({ engagementId: id }),
    queryFn: () => api.tests.list({ engagementId: id, limit: 200 }),
  });
  const product = useQuery({
    queryKey: queryKeys.products.detail(engagement.data?.productId),
    queryFn: () => api.products.get(engagement.data!.productId),
    enabled: !!engagement.data,
  });
  const [adding, setAdding] = useState(false);
  return (
    <QueryState query={engagement} label="Loading engagement">
      {(e) => (
        <>
          <PageHeader title={e.name}>
            <Badge variant="light">{e.status}</Badge>
            {e.abilities?.includes('add_test') && <Button onClick={() => setAdding(true)}>Add test</Button>}
          </PageHeader>
          <Group gap="lg" mb="md">
            <Text size="sm">
              Product:{' '}
              <Anchor component={Link} to={`/products/${e.productId}`}>
                {product.data?.name ?? `#${e.productId}`}
              </Anchor>
            </Text>
            <Text size="sm">
              {e.targetStart} → {e.targetEnd}
            </Text>
            <Text size="sm">{e.engagementType}</Text>
            <Anchor component={Link} to={`/findings?engagementId=${e.id}`} size="sm">
              Findings of this engagement
            </Anchor>
          </Group>
          {e.description && <Text mb="md">{e.description}</Text>}
          <Tabs defaultValue="tests" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="tests">Tests</Tabs.Tab>
              <Tabs.Tab value="components">Components</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="tests">
              <QueryState
                query={tests}
                isEmpty={(d) => d.items.length === 0}
                empty={<EmptyState title="No tests yet">Import a report or add a test.</EmptyState>}
              >
                {(d) => <TestTable tests={d.items} />}
              </QueryState>
            </Tabs.Panel>
            <Tabs.Panel value="components">
              <ComponentsPanel engagementId={e.id} canImport={e.abilities?.includes('import') ?? false} />
            </Tabs.Panel>
          </Tabs>
          <Modal opened={adding} onClose={() => setAdding(false)} title="Add test">
            {adding && <TestForm engagementId={e.id} onDone={() => setAdding(false)} />}
          </Modal>
        </>
      )}
    </QueryState>
  );
}
