import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, type NotificationAlert, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { NotificationsPage } from './NotificationsPage';

const alert = (id: number, read = false): NotificationAlert => ({
  id,
  notificationId: id,
  type: 'findings.new',
  productId: 1,
  severity: 'High',
  title: `1000 new findings (${id})`,
  body: 'Trivy import: 1000 High.',
  url: '/findings?testId=3',
  read,
  readAt: null,
  createdAt: '2026-11-29T10:00:00Z',
});

function api(over: Partial<VigilClient['notifications']>) {
  return {
    notifications: {
      list: vi.fn().mockResolvedValue({ items: [], nextBefore: null, unread: 0 }),
      markRead: vi.fn(),
      markAllRead: vi.fn(),
      ...over,
    } as unknown as VigilClient['notifications'],
  };
}

describe('NotificationsPage', () => {
  it('lists alerts and marks one read', async () => {
    const markRead = vi.fn().mockResolvedValue({ updated: 1, unread: 0 });
    const list = vi.fn().mockResolvedValue({ items: [alert(5), alert(4, true)], nextBefore: null, unread: 1 });
    renderWithApp(<NotificationsPage />, { api: api({ list, markRead }) });
    expect(await screen.findByRole('link', { name: '1000 new findings (5)' })).toHaveAttribute(
      'href',
      '/findings?testId=3',
    );
    expect(screen.getByRole('radio', { name: 'Unread (1)' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Mark "1000 new findings (5)" read' }));
    await waitFor(() => expect(markRead).toHaveBeenCalledWith([5]));
    expect(screen.queryByRole('button', { name: 'Mark "1000 new findings (4)" read' })).toBeNull();
  });

  it('shows the empty state', async () => {
    renderWithApp(<NotificationsPage />, { api: api({}) });
    expect(await screen.findByText('No notifications yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('shows an error with a retry', async () => {
    const list = vi.fn().mockRejectedValue(new ApiError(500, 'INTERNAL', 'Internal error'));
    renderWithApp(<NotificationsPage />, { api: api({ list }) });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
