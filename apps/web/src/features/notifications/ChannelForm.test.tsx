import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { ChannelForm } from './ChannelForm';

const api = (createChannel: ReturnType<typeof vi.fn>) => ({
  notifications: { createChannel } as unknown as VigilClient['notifications'],
});

describe('ChannelForm', () => {
  it('creates a Slack channel with its webhook URL', async () => {
    const createChannel = vi.fn().mockResolvedValue({ id: 1 });
    const onDone = vi.fn();
    renderWithApp(<ChannelForm onDone={onDone} />, { api: api(createChannel) });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Security' } });
    fireEvent.change(screen.getByLabelText(/^Webhook URL/), {
      target: { value: 'https://hooks.slack.com/services/T/B/X' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(createChannel.mock.calls[0][0]).toMatchObject({
      name: 'Security',
      kind: 'slack',
      url: 'https://hooks.slack.com/services/T/B/X',
      maxFailures: 5,
    });
  });

  it('shows the server refusal of a private address next to the URL', async () => {
    const createChannel = vi
      .fn()
      .mockRejectedValue(
        new ApiError(422, 'UNPROCESSABLE', 'The url host "10.0.0.1" resolves to 10.0.0.1 (private)', [
          { path: 'url', message: 'refused address 10.0.0.1 (private)' },
        ]),
      );
    renderWithApp(<ChannelForm onDone={() => {}} />, { api: api(createChannel) });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Internal' } });
    fireEvent.change(screen.getByLabelText(/^Webhook URL/), { target: { value: 'http://10.0.0.1/hook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('refused address 10.0.0.1 (private)')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/resolves to 10\.0\.0\.1/);
  });
});
