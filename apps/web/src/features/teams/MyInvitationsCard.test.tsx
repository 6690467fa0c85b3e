import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type TeamInvitation, type VigilClient } from '@vigil/client';
import { QueryStatusProbe, renderWithApp } from '../../test/render';
import { RealtimeContext, type RealtimeLike } from '../../realtime/realtime-context';
import { MyInvitationsCard } from './MyInvitationsCard';
import { queryKeys } from '../../app/query-keys';

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

type Mine = () => Promise<{ items: TeamInvitation[] }>;

function apiWith(
  mine: Mine,
  calls: { accept?: (id: number) => Promise<unknown>; decline?: (id: number) => Promise<unknown> } = {},
) {
  return {
    teamInvitations: {
      mine,
      accept: calls.accept ?? vi.fn(),
      decline: calls.decline ?? vi.fn(),
    } as unknown as VigilClient['teamInvitations'],
    teams: { list: vi.fn().mockResolvedValue({ items: [] }) } as unknown as VigilClient['teams'],
  };
}

/**
 * The card plus a probe showing the status of its query, so "renders nothing" is asserted once the query has settled.
 */
function renderCard(mine: Mine, calls: Parameters<typeof apiWith>[1] = {}, realtime?: RealtimeLike) {
  const ui = (
    <>
      <MyInvitationsCard />
      <QueryStatusProbe queryKey={queryKeys.teamInvitations.mine} />
    </>
  );
  return renderWithApp(realtime ? <RealtimeContext.Provider value={realtime}>{ui}</RealtimeContext.Provider> : ui, {
    api: apiWith(mine, calls),
  });
}

const card = () => screen.queryByLabelText('Your invitations');

describe('MyInvitationsCard', () => {
  it('renders nothing while loading, then the pending invitations once they arrive', async () => {
    let resolve: (v: { items: TeamInvitation[] }) => void = () => {};
    const mine = vi.fn<Mine>(() => new Promise((r) => (resolve = r)));
    renderCard(mine);
    await waitFor(() => expect(mine).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('query-status')).toHaveTextContent('pending');
    expect(card()).toBeNull();
    act(() => resolve({ items: [invitation] }));
    expect(await screen.findByText(/invited you to/)).toHaveTextContent('max invited you to Red team as maintainer');
    expect(card()).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Decline' })).toBeEnabled();
  });

  it('renders nothing once the list has loaded empty', async () => {
    const mine = vi.fn<Mine>().mockResolvedValue({ items: [] });
    renderCard(mine);
    await waitFor(() => expect(screen.getByTestId('query-status')).toHaveTextContent('success'));
    expect(mine).toHaveBeenCalledTimes(1);
    expect(card()).toBeNull();
  });

  it('renders nothing when the list cannot be loaded', async () => {
    const mine = vi.fn<Mine>().mockRejectedValue(new Error('offline'));
    renderCard(mine);
    await waitFor(() => expect(screen.getByTestId('query-status')).toHaveTextContent('error'));
    expect(card()).toBeNull();
  });

  it('accepts an invitation, then refetches and disappears when none is left', async () => {
    const accept = vi.fn().mockResolvedValue({ ...invitation, status: 'accepted' });
    const mine = vi
      .fn<Mine>()
      .mockResolvedValueOnce({ items: [invitation] })
      .mockResolvedValue({ items: [] });
    renderCard(mine, { accept });
    await screen.findByText(/invited you to/);
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(accept).toHaveBeenCalledWith(4);
    await waitFor(() => expect(card()).toBeNull());
    expect(mine).toHaveBeenCalledTimes(2);
  }, 20_000);

  it('declines an invitation, then refetches and disappears when none is left', async () => {
    const decline = vi.fn().mockResolvedValue({ ...invitation, status: 'declined' });
    const accept = vi.fn();
    const mine = vi
      .fn<Mine>()
      .mockResolvedValueOnce({ items: [invitation] })
      .mockResolvedValue({ items: [] });
    renderCard(mine, { accept, decline });
    await screen.findByText(/invited you to/);
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(decline).toHaveBeenCalledWith(4);
    await waitFor(() => expect(card()).toBeNull());
    expect(accept).not.toHaveBeenCalled();
    expect(mine).toHaveBeenCalledTimes(2);
  }, 20_000);

  it('keeps the invitation and shows the server error when accepting fails', async () => {
    const accept = vi.fn().mockRejectedValue(new ApiError(409, 'INVITATION_EXPIRED', 'This invitation has expired.'));
    const mine = vi.fn<Mine>().mockResolvedValue({ items: [invitation] });
    renderCard(mine, { accept });
    await screen.findByText(/invited you to/);
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation has expired.');
    expect(card()).toBeInTheDocument();
    expect(mine).toHaveBeenCalledTimes(1);
  }, 20_000);

  it('appears when a team.invited event arrives live', async () => {
    let emit: (e: { id: number; type: string; at: string; data: Record<string, unknown> }) => void = () => {};
    const realtime = {
      on: (_name: string, h: typeof emit) => ((emit = h), () => {}),
      typing: () => {},
      subscribeFinding: async () => true,
      unsubscribeFinding: () => {},
    } as unknown as RealtimeLike;
    const mine = vi
      .fn<Mine>()
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValue({ items: [invitation] });
    renderCard(mine, {}, realtime);
    await waitFor(() => expect(screen.getByTestId('query-status')).toHaveTextContent('success'));
    expect(card()).toBeNull();
    act(() => emit({ id: 1, type: 'chat.read', at: '', data: {} }));
    expect(mine).toHaveBeenCalledTimes(1);
    act(() => emit({ id: 2, type: 'team.invited', at: '', data: { teamId: 9 } }));
    expect(await screen.findByText(/invited you to/)).toHaveTextContent('Red team');
    expect(mine).toHaveBeenCalledTimes(2);
  });
});
