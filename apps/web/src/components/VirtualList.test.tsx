import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { VirtualList } from './VirtualList';

const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i, label: `row ${i}` }));

describe('VirtualList', () => {
  it('renders only the rows in view plus overscan, even for 100,000 items', () => {
    render(
      <VirtualList
        items={items}
        rowHeight={20}
        height={200}
        overscan={5}
        getKey={(r) => r.id}
        renderRow={(r) => <span>{r.label}</span>}
      />,
    );
    const rows = screen.getAllByRole('row');
    expect(rows.length).toBeLessThanOrEqual(10 + 2 * 5);
    expect(screen.getByText('row 0')).toBeInTheDocument();
    expect(screen.queryByText('row 500')).toBeNull();
  });

  it('moves the window when scrolled and asks for more near the end', async () => {
    const onEnd = vi.fn();
    const few = items.slice(0, 60);
    render(
      <VirtualList
        items={few}
        rowHeight={20}
        height={200}
        overscan={5}
        getKey={(r) => r.id}
        renderRow={(r) => <span>{r.label}</span>}
        onEndReached={onEnd}
      />,
    );
    expect(onEnd).not.toHaveBeenCalled();
    const scroller = screen.getByTestId('virtual-list');
    scroller.scrollTop = 800; // rows 40..49 in view
    fireEvent.scroll(scroller);
    expect(screen.getByText('row 45')).toBeInTheDocument();
    expect(screen.queryByText('row 0')).toBeNull();
    await Promise.resolve();
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});
