import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { NotificationSettingsPage } from './NotificationSettingsPage';

const types = [
  { type: 'findings.new', label: 'New findings (digest per import)', audience: 'product' },
  { type: 'finding.assigned', label: 'Finding assigned to me', audience: 'personal' },
  { type: 'job.failed', label: 'Background job failed', audience: 'admin' },
];

function api(subs: unknown[], saveSubscription = vi.fn().mockResolvedValue({})) {
  return {
    notifications: {
      types: vi.fn().mockResolvedValue({ items: types }),
      subscriptions: vi.fn().mockResolvedValue({ items: subs }),
      saveSubscription,
      removeSubscription: vi.fn(),
    } as unknown as VigilClient['notifications'],
    products: {
      list: vi.fn().mockResolvedValue({ items: [{ id: 7, name: 'Shop' }], nextCursor: null }),
    } as unknown as VigilClient['products'],
    teams: {
      list: vi.fn().mockResolvedValue({ items: [{ id: 3, name: 'Responders' }] }),
    } as unknown as VigilClient['teams'],
  };
}

describe('NotificationSettingsPage', () => {
  it('turns a notification on by email and hides admin-only types', async () => {
    const saveSubscription = vi.fn().mockResolvedValue({});
    renderWithApp(<NotificationSettingsPage />, { api: api([], saveSubscription) });
    const toggle = await screen.findByRole('switch', { name: 'New findings (digest per import) by Email' });
    expect(screen.queryByText('Background job failed')).toBeNull();
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(saveSubscription).toHaveBeenCalledWith({
        eventType: 'findings.new',
        channel: 'email',
        enabled: true,
        minSeverity: null,
        teamId: undefined,
      }),
    );
  });

  it('shows the minimum severity of an enabled finding digest and product rows', async () => {
    const subs = [
      {
        id: 1,
        userId: 2,
        teamId: null,
        productId: null,
        eventType: 'findings.new',
        channel: 'alert',
        channelId: null,
        enabled: true,
        minSeverity: 'High',
      },
      {
        id: 2,
        userId: 2,
        teamId: null,
        productId: 7,
        eventType: 'findings.new',
        channel: 'email',
        channelId: null,
        enabled: false,
        minSeverity: null,
      },
    ];
    renderWithApp(<NotificationSettingsPage />, { api: api(subs) });
    expect(
      await screen.findByRole('textbox', { name: 'Minimum severity for New findings (digest per import) by In-app' }),
    ).toHaveValue('High');
    expect(
      await screen.findByRole('button', { name: 'Remove New findings (digest per import) for Shop' }),
    ).toBeInTheDocument();
  });

  it("edits a team's choices when a team is picked", async () => {
    const saveSubscription = vi.fn().mockResolvedValue({});
    const client = api([], saveSubscription);
    renderWithApp(<NotificationSettingsPage />, { api: client });
    await screen.findByRole('option', { name: 'Team: Responders' });
    await userEvent.selectOptions(screen.getByLabelText('Settings for'), 'Team: Responders');
    await waitFor(() => expect(client.notifications.subscriptions).toHaveBeenCalledWith(3));
    fireEvent.click(await screen.findByRole('switch', { name: 'Finding assigned to me by In-app' }));
    await waitFor(() =>
      expect(saveSubscription).toHaveBeenCalledWith(
        expect.objectContaining({ eventType: 'finding.assigned', channel: 'alert', enabled: true, teamId: 3 }),
      ),
    );
  });
});
