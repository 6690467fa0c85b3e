import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SyncRun, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { SyncHistoryPage } from './SyncHistoryPage';

const run: SyncRun = {
  id: 3,
  source: 'osv',
  ecosystem: 'npm',
  origin: 'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip',
  status: 'succeeded',
  startedAt: '2026-12-07T03:00:00.000Z',
  finishedAt: '2026-12-07T03:02:00.000Z',
  counts: { read: 12000, inserted: 10, updated: 2, unchanged: 11987, withdrawn: 0, invalid: 1 },
  invalidRecords: [{ id: 'GHSA-bad0-bad0-bad0', reason: 'modified: must be an RFC 3339 UTC timestamp' }],
  error: null,
};

function api(isAdmin: boolean, triggerSync = vi.fn()) {
  return {
    api: {
      auth: { me: vi.fn().mockResolvedValue({ id: 1, username: 'u', isAdmin }) },
      advisories: {
        syncRuns: vi.fn().mockResolvedValue({ items: [run], nextCursor: null }),
        triggerSync,
      },
    } as unknown as Partial<VigilClient>,
  };
}

describe('SyncHistoryPage', () => {
  it('shows each run with its counts and refused records', async () => {
    renderWithApp(<SyncHistoryPage />, api(false));
    const table = await screen.findByRole('table', { name: 'Sync runs' });
    expect(within(table).getByText('osv:npm')).toBeInTheDocument();
    expect(within(table).getByText('12,000')).toBeInTheDocument();
    expect(within(table).getByText(/GHSA-bad0-bad0-bad0: modified/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('lets an administrator queue a sync now', async () => {
    const triggerSync = vi.fn().mockResolvedValue({
      queued: [{ source: 'osv', ecosystem: 'npm', url: run.origin, jobId: 'j1' }],
    });
    renderWithApp(<SyncHistoryPage />, api(true, triggerSync));
    await userEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(triggerSync).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByText('osv:npm queued')).toBeInTheDocument());
  });
});
