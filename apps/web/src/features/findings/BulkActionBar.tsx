import { Button, Group, Paper, Text } from '@mantine/core';
import type { StatusAction } from '@vigil/client';

export const BULK_ACTIONS: Array<{ action: StatusAction; label: string; color?: string }> = [
  { action: 'verify', label: 'Verify' },
  { action: 'close', label: 'Close', color: 'green' },
  { action: 'false_positive', label: 'False positive', color: 'gray' },
  { action: 'reopen', label: 'Reopen', color: 'orange' },
];

/** Appears when rows are selected; every action applies to all selected findings at once. */
export function BulkActionBar({
  count,
  busy,
  onAction,
  onClear,
  onAssign,
  onAcceptRisk,
  onPushToJira,
}: {
  count: number;
  busy?: boolean;
  onAction: (a: StatusAction) => void;
  onClear: () => void;
  onAssign?: () => void;
  onAcceptRisk?: () => void;
  onPushToJira?: () => void;
}) {
  if (count === 0) return null;
  return (
    <Paper withBorder p="xs" mb="sm" role="toolbar" aria-label="Bulk actions" bg="var(--mantine-color-default-hover)">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} mr="sm" aria-live="polite">
          {count} selected
        </Text>
        {BULK_ACTIONS.map((a) => (
          <Button
            key={a.action}
            size="xs"
            variant="light"
            color={a.color}
            disabled={busy}
            onClick={() => onAction(a.action)}
          >
            {a.label}
          </Button>
        ))}
        {onAssign && (
          <Button size="xs" variant="light" color="blue" disabled={busy} onClick={onAssign}>
            Assign…
          </Button>
        )}
        {onAcceptRisk && (
          <Button size="xs" variant="light" color="grape" disabled={busy} onClick={onAcceptRisk}>
            Accept risk…
          </Button>
        )}
        {onPushToJira && (
          <Button size="xs" variant="light" color="indigo" disabled={busy} onClick={onPushToJira}>
            Push to Jira
          </Button>
        )}
        <Button size="xs" variant="subtle" onClick={onClear} disabled={busy}>
          Clear selection
        </Button>
      </Group>
    </Paper>
  );
}
