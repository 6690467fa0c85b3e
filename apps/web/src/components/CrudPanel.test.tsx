import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button } from '@mantine/core';
import { renderWithApp } from '../test/render';
import { CrudPanel } from './CrudPanel';

type Row = { id: number; name: string; days: number };
const rows: Row[] = [
  { id: 1, name: 'Default', days: 7 },
  { id: 2, name: 'Strict', days: 2 },
];

function Panel({
  items,
  error,
  onDelete = () => {},
}: {
  items: Row[] | undefined;
  error?: string | null;
  onDelete?: (id: number) => void;
}) {
  const query = { isPending: items === undefined, error: null, data: items && { items } };
  return (
    <CrudPanel<Row>
      query={query}
      label="Things"
      empty={<p>No things yet</p>}
      newLabel="New thing"
      error={error}
      formTitle={(r) => (r ? `Edit ${r.name}` : 'New thing')}
      form={(r, done) => (
        <Button onClick={done} aria-label="Save">
          {r ? `form for ${r.name}` : 'empty form'}
        </Button>
      )}
      columns={[
        { header: 'Name', cell: (r) => r.name },
        { header: 'Days', align: 'right', cell: (r) => `${r.days}d` },
      ]}
      actions={(r, edit) => (
        <>
          <Button onClick={() => edit(r)} aria-label={`Edit ${r.name}`}>
            Edit
          </Button>
          <Button onClick={() => onDelete(r.id)} aria-label={`Delete ${r.name}`}>
            Delete
          </Button>
        </>
      )}
    />
  );
}

describe('CrudPanel', () => {
  it('shows the loading state, then the empty state', () => {
    const { unmount } = renderWithApp(<Panel items={undefined} />);
    expect(screen.getByLabelText('Loading')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    unmount();
    renderWithApp(<Panel items={[]} />);
    expect(screen.getByText('No things yet')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists the items with their columns and a per-row action', async () => {
    const onDelete = vi.fn();
    renderWithApp(<Panel items={rows} onDelete={onDelete} />);
    const table = screen.getByRole('table', { name: 'Things' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Days', 'Actions']);
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 2)
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([
      ['Default', '7d'],
      ['Strict', '2d'],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete Strict' }));
    expect(onDelete).toHaveBeenCalledWith(2);
  }, 20_000);

  it('opens the form empty for a new item and filled for an edited one, and closes it when done', async () => {
    renderWithApp(<Panel items={rows} />);
    await userEvent.click(screen.getByRole('button', { name: 'New thing' }));
    const created = await screen.findByRole('dialog', { name: 'New thing' });
    expect(within(created).getByRole('button', { name: 'Save' })).toHaveTextContent('empty form');
    await userEvent.click(within(created).getByRole('button', { name: 'Save' }));
    // The form unmounts at once (the modal itself fades out over Mantine's transition).
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save' })).toBeNull());

    await userEvent.click(screen.getByRole('button', { name: 'Edit Strict' }));
    const edited = await screen.findByRole('dialog', { name: 'Edit Strict' });
    expect(within(edited).getByRole('button', { name: 'Save' })).toHaveTextContent('form for Strict');
  }, 20_000);

  it("shows the last action's error as an alert in the toolbar", () => {
    const { unmount } = renderWithApp(<Panel items={rows} error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();
    renderWithApp(<Panel items={rows} error="You are not allowed to do this." />);
    expect(screen.getByRole('alert')).toHaveTextContent('You are not allowed to do this.');
  });
});
