import { useState } from 'react';
import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { GradeBadge } from '../../components/GradeBadge';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { EngagementForm } from '../engagements/EngagementForm';
import { EngagementTable } from '../engagements/EngagementTable';
import { TestTable } from '../engagements/TestTable';
import { ProductForm } from './ProductForm';
import { ProductJiraSection } from '../jira/ProductJiraSection';
import { queryKeys } from '../../app/query-keys';

export function ProductDetailPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const product = useQuery({ queryKey: queryKeys.products.detail(id), queryFn: () => api.products.get(id) });
  const engagements = useQuery({
    queryKey: queryKeys.engagements.list({ productId: id }),
    queryFn: () => api.engagements.list({ productId: id, limit: 100 }),
  });
  const tests = useQuery({
    queryKey: queryKeys.tests.list({ productId: id }),
    queryFn: () => api.tests.list({ productId: id, limit: 100 }),
  });
  const [modal, setModal] = useState<'edit' | 'engagement' | null>(null);
  return (
    <QueryState query={product} label="Loading product">
      {(p) => {
        const can = (a: NonNullable<typeof p.abilities>[number]) => p.abilities?.includes(a) ?? false;
        return (
          <>
            <PageHeader title={p.name}>
              <GradeBadge grade={p.grade} />
              {can('update') && (
                <Button variant="default" onClick={() => setModal('edit')}>
                  Edit
                </Button>
              )}
              {can('add_engagement') && <Button onClick={() => setModal('engagement')}>New engagement</Button>}
            </PageHeader>
            <SimpleGrid cols={{ base: 2, sm: 5 }} mb="md">
              {(['critical', 'high', 'medium', 'low', 'info'] as const).map((k) => (
                <Card withBorder key={k} padding="sm">
                  <Text size="xs" c="dimmed" tt="capitalize">
                    {k}
                  </Text>
                  <Anchor
                    component={Link}
                    to={`/findings?productId=${p.id}&severity=${k[0].toUpperCase() + k.slice(1)}&active=true`}
                    fz="xl"
                    fw={700}
                  >
                    {p.openFindings[k]}
                  </Anchor>
                </Card>
              ))}
            </SimpleGrid>
            {p.description && <Text mb="md">{p.description}</Text>}
            <Stack gap="lg">
              <section aria-labelledby="eng-title">
                <Title order={3} size="h4" id="eng-title" mb="xs">
                  Engagements
                </Title>
                <QueryState
                  query={engagements}
                  isEmpty={(d) => d.items.length === 0}
                  empty={<EmptyState title="No engagements yet" />}
                >
                  {(d) => <EngagementTable engagements={d.items} />}
                </QueryState>
              </section>
              <section aria-labelledby="tests-title">
                <Group justify="space-between">
                  <Title order={3} size="h4" id="tests-title" mb="xs">
                    Tests
                  </Title>
                  <Anchor component={Link} to={`/findings?productId=${p.id}`}>
                    All findings of this product
                  </Anchor>
                </Group>
                <QueryState
                  query={tests}
                  isEmpty={(d) => d.items.length === 0}
                  empty={<EmptyState title="No tests yet">Import a scan report to create one.</EmptyState>}
                >
                  {(d) => <TestTable tests={d.items} />}
                </QueryState>
              </section>
              <ProductJiraSection productId={p.id} />
            </Stack>
            <Modal opened={modal === 'edit'} onClose={() => setModal(null)} title="Edit product">
              {modal === 'edit' && <ProductForm initial={p} onDone={() => setModal(null)} />}
            </Modal>
            <Modal opened={modal === 'engagement'} onClose={() => setModal(null)} title="New engagement">
              {modal === 'engagement' && <EngagementForm productId={p.id} onDone={() => setModal(null)} />}
            </Modal>
          </>
        );
      }}
    </QueryState>
  );
}
