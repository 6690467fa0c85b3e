import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TeamInvitation, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { MyInvitationsCard } from './MyInvitationsCard';

const invitation: TeamInvitation = {
  id: 4,
  team: { id: 9, name: 'Red team' },
  invitee: { id: 2, username: 'ivy', email: null },
  invitedBy: { id: 1, username: 'max' },
  role: 'maintainer',
  status: 'pending',
  createdAt: '2026-11-29T10:00:00.000Z',
  expiresAt: '2026-12-13T10:00:00.000Z',
  respondedAt: null,
};

describe('MyInvitationsCard', () => {
  it('lists pending invitations and accepts one', async () => {
    const accept = vi.fn().mockResolvedValue({ ...invitation, status: 'accepted' });
    const mine = vi.fn().mockResolvedValueOnce({ items: [invitation] }).mockResolvedValue({ items: [] });
    const api = { teamInvitations: { mine, accept, decline: vi.fn() } as unknown as VigilClient['teamInvitations'], teams: { list: vi.fn().mockResolvedValue({ items: [] }) } as unknown as VigilClient['teams'] };
    renderWithApp(<MyInvitationsCard />, { api });
    expect(await screen.findByText(/invited you to/)).toHaveTextContent('max invited you to Red team as maintainer');
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(accept).toHaveBeenCalledWith(4);
    await vi.waitFor(() => expect(screen.queryByText(/invited you to/)).toBeNull());
  }, 20_000);

  it('shows nothing when there is no invitation', async () => {
    const api = { teamInvitations: { mine: vi.fn().mockResolvedValue({ items: [] }) } as unknown as VigilClient['teamInvitations'] };
    const { container } = renderWithApp(<MyInvitationsCard />, { api });
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector('[aria-label="Your invitations"]')).toBeNull();
  });
});
