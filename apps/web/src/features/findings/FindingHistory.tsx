import { Code, Group, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FindingHistoryEntry } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { queryKeys } from '../../app/query-keys';

const ACTION_LABEL: Record<string, string> = {
  create: 'created the finding',
  update: 'edited',
  'status:verify': 'verified',
  'status:close': 'closed (mitigated)',
  'status:reopen': 'reopened',
  'status:false_positive': 'marked false positive',
  'status:out_of_scope': 'marked out of scope',
  'status:under_review': 'requested a review',
  'status:review_done': 'finished the review',
  'status:unverify': 'removed verification',
  'status:not_false_positive': 'unmarked false positive',
  'status:in_scope': 'put back in scope',
};

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') || '—' : String(v);

export function describeEntry(e: FindingHistoryEntry): string {
  return (
    `${e.actorUsername ?? (e.actorId ? `user #${e.actorId}` : 'Vigil')} ` +
    `${ACTION_LABEL[e.action] ?? e.action.replace(/^status:/, '')}`
  );
}

/** Creation, edits and triage of one finding, newest first. */
export function FindingHistory({ findingId }: { findingId: number }) {
  const api = useApi();
  const history = useQuery({
    queryKey: queryKeys.findings.history(findingId),
    queryFn: () => api.findings.history(findingId),
  });
  return (
    <QueryState
      query={history}
      label="Loading history"
      isEmpty={(d) => d.items.length === 0}
      empty={<EmptyState title="No recorded changes" />}
    >
      {(d) => (
        <Timeline bulletSize={12} lineWidth={2} aria-label="Status history">
          {d.items.map((e) => (
            <Timeline.Item key={e.id} title={describeEntry(e)}>
              <Text size="xs" c="dimmed">
                {new Date(e.at).toLocaleString()}
              </Text>
              {e.changes.length > 0 && (
                <Stack gap={2} mt={4}>
                  {e.changes.map((c) => (
                    <Group key={c.field} gap={6} wrap="nowrap">
                      <Code>{c.field}</Code>
                      <Text size="xs" lineClamp={1}>
                        {show(c.from)} → {show(c.to)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryState>
  );
}
