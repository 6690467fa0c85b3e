import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { NotificationBell } from './NotificationBell';

const api = (unreadCount: () => Promise<{ unread: number }>) => ({ notifications: { unreadCount } as unknown as VigilClient['notifications'] });

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
});
