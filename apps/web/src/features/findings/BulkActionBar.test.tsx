import { describe, expect, it, vi } from 'vitest';
import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BulkActionBar } from './BulkActionBar';

const wrap = (ui: React.ReactElement) => render(<MantineProvider>{ui}</MantineProvider>);

describe('BulkActionBar', () => {
  it('is hidden when nothing is selected', () => {
    wrap(<BulkActionBar count={0} onAction={() => undefined} onClear={() => undefined} />);
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('shows the count and sends the chosen action', async () => {
    const onAction = vi.fn();
    const onClear = vi.fn();
    wrap(<BulkActionBar count={3} onAction={onAction} onClear={onClear} />);
    expect(screen.getByRole('toolbar', { name: 'Bulk actions' })).toHaveTextContent('3 selected');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'False positive' }));
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await userEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(onAction.mock.calls.map((c) => c[0])).toEqual(['close', 'false_positive', 'verify', 'reopen']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(onClear).toHaveBeenCalled();
  });

  it('disables the actions while one is running', () => {
    wrap(<BulkActionBar count={2} busy onAction={() => undefined} onClear={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled();
  });

  it('offers assign, risk acceptance and Jira when the page wires them', async () => {
    const onAssign = vi.fn();
    const onAcceptRisk = vi.fn();
    const onPushToJira = vi.fn();
    wrap(
      <BulkActionBar
        count={2}
        onAction={() => undefined}
        onClear={() => undefined}
        onAssign={onAssign}
        onAcceptRisk={onAcceptRisk}
        onPushToJira={onPushToJira}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Assign…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Accept risk…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Push to Jira' }));
    expect([onAssign, onAcceptRisk, onPushToJira].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });
});
