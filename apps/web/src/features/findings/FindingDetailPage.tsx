import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { QueryState } from '../../components/QueryState';
import { SeverityBadge } from '../../components/SeverityBadge';
import { FindingActions } from './FindingActions';
import { FindingDuplicates } from './FindingDuplicates';
import { FindingEditForm } from './FindingEditForm';
import { FindingFields } from './FindingFields';
import { FindingHistory } from './FindingHistory';
import { FindingLocations } from './FindingLocations';
import { FindingNotes } from './FindingNotes';
import { ChatPanel } from '../chat/ChatPanel';
import { useLiveFindings } from './use-live-findings';
import { FindingText } from './FindingText';
import { FindingJiraPanel } from '../jira/FindingJiraPanel';
import { findingStatus } from './finding-status';
import { SlaCountdown } from './SlaCountdown';
import { queryKeys } from '../../app/query-keys';

export function FindingDetailPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const finding = useQuery({ queryKey: queryKeys.findings.detail(id), queryFn: () => api.findings.get(id) });
  useLiveFindings({ findingId: id });
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={finding} label="Loading finding">
      {(f) => {
        const status = findingStatus(f);
        return (
          <Stack gap="md">
            <div>
              <Group gap="xs" mb={4}>
                <SeverityBadge severity={f.severity} />
                <Badge variant="light" color={status.color} data-testid="finding-status">
                  {status.label}
                </Badge>
                {f.verified && <Badge variant="outline">Verified</Badge>}
                <SlaCountdown finding={f} />
              </Group>
              <Title order={2} style={{ wordBreak: 'break-word' }}>
                <span style={{ color: 'var(--mantine-color-dimmed)' }}>#{f.id}</span> {f.title}
              </Title>
            </div>
            <Group gap="xs" align="flex-start">
              <FindingActions finding={f} />
              {f.abilities.includes('update') && (
                <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
            </Group>
            <Modal opened={editing} onClose={() => setEditing(false)} title={`Edit finding #${f.id}`} size="lg">
              <FindingEditForm finding={f} onDone={() => setEditing(false)} />
            </Modal>
            <FindingJiraPanel finding={f} />
            <Card withBorder>
              <FindingFields finding={f} />
            </Card>
            <Tabs defaultValue="details" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="details">Details</Tabs.Tab>
                <Tabs.Tab value="locations">Locations ({f.locations.length})</Tabs.Tab>
                <Tabs.Tab value="duplicates">Duplicates ({f.duplicates.length + (f.original ? 1 : 0)})</Tabs.Tab>
                <Tabs.Tab value="notes">Notes</Tabs.Tab>
                <Tabs.Tab value="history">History</Tabs.Tab>
                <Tabs.Tab value="discussion">Discussion</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="details" pt="md">
                <FindingText finding={f} />
              </Tabs.Panel>
              <Tabs.Panel value="locations" pt="md">
                <FindingLocations locations={f.locations} />
              </Tabs.Panel>
              <Tabs.Panel value="duplicates" pt="md">
                <FindingDuplicates finding={f} />
              </Tabs.Panel>
              <Tabs.Panel value="notes" pt="md">
                <FindingNotes findingId={f.id} canAdd={f.abilities.includes('add_note')} />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="md">
                <FindingHistory findingId={f.id} />
              </Tabs.Panel>
              <Tabs.Panel value="discussion" pt="md">
                <ChatPanel channel={`finding:${f.id}`} title={`Discussion of #${f.id}`} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        );
      }}
    </QueryState>
  );
}
