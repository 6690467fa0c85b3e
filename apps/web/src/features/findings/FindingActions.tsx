import { Button, Group } from '@mantine/core';
import type { FindingDetail, StatusAction } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/** The triage buttons the API says this user may use (`abilities`), and only those that make sense now. */
export function FindingActions({ finding: f }: { finding: FindingDetail }) {
  const api = useApi();
  const act = useApiMutation((action: StatusAction) => api.findings.bulkStatus([f.id], action), {
    invalidate: [queryKeys.findings.all, queryKeys.dashboard.all, queryKeys.products.all],
  });
  if (!f.abilities.includes('triage')) return null;
  const open = f.active;
  const actions: Array<{ action: StatusAction; label: string; show: boolean; color?: string }> = [
    { action: 'verify', label: 'Verify', show: !f.verified && open },
    { action: 'close', label: 'Close (mitigated)', show: open, color: 'green' },
    { action: 'false_positive', label: 'False positive', show: !f.falsePositive, color: 'gray' },
    { action: 'out_of_scope', label: 'Out of scope', show: !f.outOfScope && open, color: 'gray' },
    {
      action: f.underReview ? 'review_done' : 'under_review',
      label: f.underReview ? 'Review done' : 'Request review',
      show: true,
      color: 'yellow',
    },
    { action: 'reopen', label: 'Reopen', show: !open, color: 'orange' },
  ];
  return (
    <>
      <FormError message={act.formError} />
      <Group gap="xs" role="toolbar" aria-label="Finding actions">
        {actions
          .filter((a) => a.show)
          .map((a) => (
            <Button
              key={a.action}
              size="xs"
              variant="light"
              color={a.color}
              loading={act.isPending && act.variables === a.action}
              disabled={act.isPending}
              onClick={() => act.mutate(a.action)}
            >
              {a.label}
            </Button>
          ))}
      </Group>
    </>
  );
}
