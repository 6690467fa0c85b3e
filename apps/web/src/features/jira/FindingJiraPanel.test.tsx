import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { FindingDetail, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { FindingJiraPanel } from './FindingJiraPanel';

const finding = (over: Partial<FindingDetail>) =>
  ({ id: 7, abilities: ['read', 'triage'], jira: null, ...over }) as FindingDetail;

describe('FindingJiraPanel', () => {
  it('links to the Jira issue with its status', () => {
    const f = finding({
      jira: {
        key: 'SEC-12',
        url: 'https://jira.example/browse/SEC-12',
        kind: 'finding',
        state: 'synced',
        status: 'In Progress',
        lastError: null,
        lastSyncedAt: '2026-11-29T10:00:00Z',
      },
    });
    renderWithApp(<FindingJiraPanel finding={f} />);
    expect(screen.getByRole('link', { name: 'SEC-12' })).toHaveAttribute('href', 'https://jira.example/browse/SEC-12');
    expect(screen.getByText('In Progress')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync to Jira' })).toBeInTheDocument();
  });

  it('pushes a finding that has no issue yet', async () => {
    const pushFinding = vi.fn().mockResolvedValue({
      jira: {
        key: null,
        url: null,
        kind: 'finding',
        state: 'pending',
        status: null,
        lastError: null,
        lastSyncedAt: null,
      },
    });
    renderWithApp(<FindingJiraPanel finding={finding({})} />, {
      api: { jira: { pushFinding } as unknown as VigilClient['jira'] },
    });
    expect(screen.getByText('not pushed')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Push to Jira' }));
    await waitFor(() => expect(pushFinding).toHaveBeenCalledWith(7));
  });

  it('shows the last sync error, and no push button to readers', () => {
    const f = finding({
      abilities: ['read'],
      jira: {
        key: 'SEC-3',
        url: 'https://jira.example/browse/SEC-3',
        kind: 'group',
        state: 'error',
        status: null,
        lastError: 'Jira answered 503',
        lastSyncedAt: null,
      },
    });
    renderWithApp(<FindingJiraPanel finding={f} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Jira answered 503');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the server refusal when the product has no Jira configuration', async () => {
    const pushFinding = vi.fn().mockRejectedValue(new Error('No Jira configuration applies to finding(s) 7'));
    renderWithApp(<FindingJiraPanel finding={finding({})} />, {
      api: { jira: { pushFinding } as unknown as VigilClient['jira'] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Push to Jira' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No Jira configuration');
  });
});
