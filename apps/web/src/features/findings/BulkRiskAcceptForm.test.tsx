import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { BulkRiskAcceptForm } from './BulkRiskAcceptForm';
import { BulkAssignForm } from './BulkAssignForm';

const me = { auth: { me: vi.fn().mockResolvedValue({ id: 5, username: 'lee' }) } as unknown as VigilClient['auth'] };

describe('BulkRiskAcceptForm', () => {
  it('creates one risk acceptance per product, owned by the caller', async () => {
    const create = vi.fn().mockResolvedValue({});
    const onDone = vi.fn();
    const findings = [
      { id: 1, productId: 10 },
      { id: 2, productId: 10 },
      { id: 3, productId: 11 },
    ] as Finding[];
    renderWithApp(<BulkRiskAcceptForm findings={findings} onDone={onDone} onCancel={vi.fn()} />, {
      api: { ...me, riskAcceptances: { create } as unknown as VigilClient['riskAcceptances'] },
    });
    expect(screen.getByText(/2 risk acceptances will be created/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Name/), 'Accepted until Q1');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Accept risk' })).toBeEnabled());
    await userEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(create.mock.calls.map((c) => [c[0].productId, c[0].findingIds, c[0].ownerId, c[0].decision])).toEqual([
      [10, [1, 2], 5, 'accept'],
      [11, [3], 5, 'accept'],
    ]);
  });
});

describe('BulkAssignForm', () => {
  it('offers people with a role on every product concerned, and the caller', async () => {
    const members = vi.fn(async (id: number) => ({
      items:
        id === 10
          ? [
              { userId: 7, username: 'dana' },
              { userId: 8, username: 'sam' },
            ]
          : [{ userId: 7, username: 'dana' }],
    }));
    const bulkAssign = vi.fn().mockResolvedValue({ items: [] });
    const onDone = vi.fn();
    renderWithApp(<BulkAssignForm ids={[1, 3]} productIds={[10, 11]} onDone={onDone} onCancel={vi.fn()} />, {
      api: {
        ...me,
        products: { members } as unknown as VigilClient['products'],
        findings: { bulkAssign } as unknown as VigilClient['findings'],
      },
    });
    await screen.findByRole('option', { name: 'dana' });
    expect(screen.queryByRole('option', { name: 'sam' })).toBeNull();
    expect(await screen.findByRole('option', { name: 'lee (me)' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Assignee'), 'dana');
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bulkAssign).toHaveBeenCalledWith([1, 3], 7);
  });
});
