import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { JiraInstanceForm } from './JiraInstanceForm';

describe('JiraInstanceForm', () => {
  it('creates an instance and shows the webhook URL once', async () => {
    const createInstance = vi
      .fn()
      .mockResolvedValue({ id: 1, name: 'Corp', webhookPath: '/api/v1/jira/webhook/s3cret' });
    renderWithApp(<JiraInstanceForm onDone={() => {}} />, {
      api: { jira: { createInstance } as unknown as VigilClient['jira'] },
    });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Corp' } });
    fireEvent.change(screen.getByLabelText(/^Jira URL/), { target: { value: 'https://corp.atlassian.net' } });
    fireEvent.change(screen.getByLabelText(/^User/), { target: { value: 'bot@corp' } });
    fireEvent.change(screen.getByLabelText(/^API token/), { target: { value: 'tok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(createInstance).toHaveBeenCalled());
    expect(createInstance.mock.calls[0][0]).toMatchObject({
      name: 'Corp',
      url: 'https://corp.atlassian.net',
      username: 'bot@corp',
      token: 'tok',
    });
    expect(await screen.findByTestId('webhook-url')).toHaveTextContent('/api/v1/jira/webhook/s3cret');
  });

  it('keeps the stored token when the field is left empty on edit', async () => {
    const updateInstance = vi.fn().mockResolvedValue({ id: 4 });
    const onDone = vi.fn();
    const initial = {
      id: 4,
      name: 'Corp',
      url: 'https://corp',
      username: 'bot',
      falsePositiveResolutions: [],
      riskAcceptedResolutions: [],
      reconciledAt: null,
      createdAt: '',
      updatedAt: '',
    };
    renderWithApp(<JiraInstanceForm initial={initial} onDone={onDone} />, {
      api: { jira: { updateInstance } as unknown as VigilClient['jira'] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(updateInstance.mock.calls[0][1]).not.toHaveProperty('token');
  });
});
