import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { NotificationBell } from './NotificationBell';
import { RealtimeContext, type RealtimeLike } from '../../realtime/realtime-context';

const api = (unreadCount: () => Promise<{ unread: number }>) => ({
  notifications: { unreadCount } as unknown as VigilClient['notifications'],
});

describe('NotificationBell', () => {
  it('shows the unread count and links to the notifications page', async () => {
    renderWithApp(<NotificationBell />, { api: api(vi.fn().mockResolvedValue({ unread: 7 })) });
    const link = await screen.findByRole('link', { name: 'Notifications: 7 unread' });
    expect(link).toHaveAttribute('href', '/notifications');
    expect(screen.getByText('7')).toBeInTheDocument();
  });

  it('caps the badge at 99+ and says so when nothing is unread', async () => {
    const { unmount } = renderWithApp(<NotificationBell />, { api: api(vi.fn().mockResolvedValue({ unread: 250 })) });
    expect(await screen.findByText('99+')).toBeInTheDocument();
    unmount();
    renderWithApp(<NotificationBell />, { api: api(vi.fn().mockResolvedValue({ unread: 0 })) });
    expect(await screen.findByRole('link', { name: 'Notifications: none unread' })).toBeInTheDocument();
  });

  it('refreshes the count when a notification.created event arrives live', async () => {
    let emit: (e: { id: number; type: string; at: string; data: Record<string, unknown> }) => void = () => {};
    const realtime = {
      on: (_name: string, h: typeof emit) => ((emit = h), () => {}),
      typing: () => {},
      subscribeFinding: async () => true,
      unsubscribeFinding: () => {},
    } as unknown as RealtimeLike;
    const unreadCount = vi.fn().mockResolvedValueOnce({ unread: 1 }).mockResolvedValue({ unread: 2 });
    renderWithApp(
      <RealtimeContext.Provider value={realtime}>
        <NotificationBell />
      </RealtimeContext.Provider>,
      { api: api(unreadCount) },
    );
    await screen.findByRole('link', { name: 'Notifications: 1 unread' });
    act(() => emit({ id: 9, type: 'chat.read', at: '', data: {} }));
    act(() => emit({ id: 10, type: 'notification.created', at: '', data: { alertId: 3 } }));
    expect(await screen.findByRole('link', { name: 'Notifications: 2 unread' })).toBeInTheDocument();
    await waitFor(() => expect(unreadCount).toHaveBeenCalledTimes(2));
  });
});
