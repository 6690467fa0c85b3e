import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type JobsOverview, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { JobsPanel } from './JobsPanel';

const counts = { created: 3, retry: 1, active: 2, completed: 40, cancelled: 0, failed: 1 };
const overview: JobsOverview = {
  queues: [{ queue: 'import.scan', counts }],
  failed: [
    {
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      queue: 'import.scan',
      data: { requestId: 7 },
      error: 'Artifact sha256:ab is not in the artifact store',
      attempts: 4,
      retryLimit: 3,
      createdOn: '2026-11-29T10:00:00Z',
      startedOn: '2026-11-29T10:00:01Z',
      failedOn: '2026-11-29T10:05:00Z',
    },
  ],
};

function jobsApi(over: Partial<VigilClient['jobs']>) {
  return {
    api: {
      jobs: {
        overview: vi.fn().mockResolvedValue(overview),
        retry: vi.fn(),
        ...over,
      } as unknown as VigilClient['jobs'],
    },
  };
}

describe('JobsPanel', () => {
  it('shows queue depths and failed jobs with their error, and retries one', async () => {
    const retry = vi.fn().mockResolvedValue(overview.failed[0]);
    const next = vi
      .fn()
      .mockResolvedValueOnce(overview)
      .mockResolvedValue({ ...overview, failed: [] });
    renderWithApp(<JobsPanel />, jobsApi({ overview: next, retry }));
    const queues = await screen.findByRole('table', { name: 'Queues' });
    expect(within(queues).getByText('40')).toBeInTheDocument();
    expect(screen.getByText('Artifact sha256:ab is not in the artifact store')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Retry job a1b2c3d4/ }));
    expect(retry).toHaveBeenCalledWith('a1b2c3d4-0000-4000-8000-000000000001');
    await waitFor(() => expect(screen.getByText('No failed jobs')).toBeInTheDocument());
  });

  it('tells a non-administrator they may not see the jobs', async () => {
    renderWithApp(
      <JobsPanel />,
      jobsApi({
        overview: vi
          .fn()
          .mockRejectedValue(new ApiError(403, 'FORBIDDEN', 'Only administrators may see and retry background jobs')),
      }),
    );
    expect(await screen.findByText(/not allowed|permission|forbidden/i)).toBeInTheDocument();
  });

  it('says when no queue exists yet', async () => {
    renderWithApp(<JobsPanel />, jobsApi({ overview: vi.fn().mockResolvedValue({ queues: [], failed: [] }) }));
    expect(await screen.findByText('No queues yet')).toBeInTheDocument();
    expect(screen.getByText('No failed jobs')).toBeInTheDocument();
  });
});
