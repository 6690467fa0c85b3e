import { useCallback, useRef, useState, type ReactNode, type UIEvent } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  overscan?: number;
  renderRow: (item: T, index: number) => ReactNode;
  getKey: (item: T, index: number) => string | number;
  /** Called when the last rendered row comes within `overscan` rows of the bottom. */
  onEndReached?: () => void;
  ariaLabel?: string;
}

/**
 * Fixed-row-height windowing: only the rows in view (plus `overscan`) are in the DOM, so a list of a
 * million loaded rows scrolls as fast as one of fifty.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  overscan = 8,
  renderRow,
  getKey,
  onEndReached,
  ariaLabel,
}: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const endFiredFor = useRef(-1);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visibleCount = Math.ceil(height / rowHeight) + overscan * 2;
  const last = Math.min(items.length, first + visibleCount);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  if (onEndReached && last >= items.length - overscan && endFiredFor.current !== items.length) {
    endFiredFor.current = items.length;
    queueMicrotask(onEndReached);
  }

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={getKey(items[i], i)}
        role="row"
        aria-rowindex={i + 2}
        style={{ position: 'absolute', top: i * rowHeight, height: rowHeight, left: 0, right: 0 }}
      >
        {renderRow(items[i], i)}
      </div>,
    );
  }
  return (
    <div
      role="rowgroup"
      aria-label={ariaLabel}
      tabIndex={0}
      onScroll={onScroll}
      style={{ height, overflowY: 'auto', position: 'relative', scrollbarGutter: 'stable' }}
      data-testid="virtual-list"
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
