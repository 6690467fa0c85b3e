import { Checkbox, Paper, Text } from '@mantine/core';
import { useMediaQuery, useViewportSize } from '@mantine/hooks';
import type { FindingSummary } from '@vigil/client';
import { VirtualList } from '../../components/VirtualList';
import { gridTemplate, visibleColumns } from './finding-columns';
import { FindingRow } from './FindingRow';

const ROW_HEIGHT = 40;

export function FindingsTable({
  findings,
  selected,
  onToggle,
  onToggleAll,
  onEndReached,
  productNames,
}: {
  findings: FindingSummary[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: (all: boolean) => void;
  onEndReached: () => void;
  productNames?: ReadonlyMap<number, string>;
}) {
  const wide = useMediaQuery('(min-width: 1100px)', true) ?? true;
  const { height: viewport } = useViewportSize();
  const height = Math.max(280, (viewport || 800) - 360);
  const allSelected = findings.length > 0 && findings.every((f) => selected.has(f.id));
  return (
    <Paper withBorder role="grid" aria-label="Findings" aria-rowcount={findings.length + 1}>
      <div
        role="row"
        aria-rowindex={1}
        style={{
          display: 'grid',
          gridTemplateColumns: gridTemplate(wide),
          height: 36,
          alignItems: 'center',
          borderBottom: '1px solid var(--mantine-color-default-border)',
          overflowY: 'hidden',
          scrollbarGutter: 'stable',
        }}
      >
        {visibleColumns(wide).map((c) => (
          <div key={c.key} role="columnheader" style={{ padding: '0 6px' }}>
            {c.key === 'select' ? (
              <Checkbox
                size="xs"
                checked={allSelected}
                indeterminate={!allSelected && selected.size > 0}
                onChange={() => onToggleAll(!allSelected)}
                aria-label="Select all loaded findings"
              />
            ) : (
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {c.label}
              </Text>
            )}
          </div>
        ))}
      </div>
      <VirtualList
        items={findings}
        rowHeight={ROW_HEIGHT}
        height={height}
        getKey={(f) => f.id}
        onEndReached={onEndReached}
        renderRow={(f) => (
          <FindingRow
            finding={f}
            selected={selected.has(f.id)}
            onToggle={onToggle}
            wide={wide}
            productName={productNames?.get(f.productId)}
          />
        )}
      />
    </Paper>
  );
}
