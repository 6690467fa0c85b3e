import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SystemOverview, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { SystemPanel } from './SystemPanel';

const overview: SystemOverview = {
  version: '0.1.0',
  database: {
    kind: 'postgresql',
    serverVersion: '15.19',
    tables: [{ table: 'findings', rows: 1000, bytes: 2 * 1024 * 1024 }],
  },
  migrations: { applied: [{ name: '0001_initial', executedAt: '2026-11-29T00:00:00Z' }], pending: [] },
  limits: {
    importMaxBytes: 200 * 1024 * 1024,
    sessionTtlSeconds: 43200,
    loginMaxFailures: 10,
    loginWindowSeconds: 900,
  },
  deduplication: {
    crossToolMatching: true,
    scanTypes: [
      {
        scanType: 'Trivy Scan',
        algorithm: 'hash_code',
        hashFields: ['vulnerabilityIds'],
        overridden: true,
        recorded: true,
      },
    ],
  },
};

describe('SystemPanel', () => {
  it('shows the facts and starts a re-hash of a scan type', async () => {
    const rehash = vi.fn().mockResolvedValue({ id: 3 });
    const rehashRuns = vi
      .fn()
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValue({
        items: [
          {
            id: 3,
            scanType: 'Trivy Scan',
            state: 'running',
            productsTotal: 4,
            productsDone: 1,
            result: null,
            error: null,
            requestedBy: 1,
            createdAt: '',
            updatedAt: '',
          },
        ],
      });
    renderWithApp(<SystemPanel />, {
      api: {
        system: {
          overview: vi.fn().mockResolvedValue(overview),
          rehash,
          rehashRuns,
        } as unknown as VigilClient['system'],
      },
    });
    expect(await screen.findByText('PostgreSQL 15.19')).toBeInTheDocument();
    expect(screen.getByText('200 MB')).toBeInTheDocument();
    expect(screen.getByText('configured')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Re-hash' }));
    expect(rehash).toHaveBeenCalledWith('Trivy Scan');
    await waitFor(() => expect(screen.getByText(/running — 1 of 4 products/)).toBeInTheDocument());
  });
});
