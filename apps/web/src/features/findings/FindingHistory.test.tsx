import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { FindingHistory } from './FindingHistory';

describe('FindingHistory', () => {
  it('says who did what, newest first, with the fields that changed', async () => {
    const history = vi.fn().mockResolvedValue({
      items: [
        {
          id: 3,
          at: '2026-11-29T10:00:00Z',
          action: 'status:close',
          actorId: 2,
          actorUsername: 'dana',
          changes: [{ field: 'mitigated', from: false, to: true }],
        },
        {
          id: 2,
          at: '2026-11-28T10:00:00Z',
          action: 'update',
          actorId: 1,
          actorUsername: 'admin',
          changes: [{ field: 'severity', from: 'Medium', to: 'High' }],
        },
        { id: 1, at: '2026-11-27T10:00:00Z', action: 'create', actorId: null, actorUsername: null, changes: [] },
      ],
    });
    renderWithApp(<FindingHistory findingId={7} />, {
      api: { findings: { history } as unknown as VigilClient['findings'] },
    });
    expect(await screen.findByText('dana closed (mitigated)')).toBeInTheDocument();
    expect(screen.getByText('admin edited')).toBeInTheDocument();
    expect(screen.getByText('Medium → High')).toBeInTheDocument();
    expect(screen.getByText('Vigil created the finding')).toBeInTheDocument();
    expect(history).toHaveBeenCalledWith(7);
  });

  it('has an empty state', async () => {
    const history = vi.fn().mockResolvedValue({ items: [] });
    renderWithApp(<FindingHistory findingId={7} />, {
      api: { findings: { history } as unknown as VigilClient['findings'] },
    });
    expect(await screen.findByText('No recorded changes')).toBeInTheDocument();
  });
});
