import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { ProductJiraSection } from './ProductJiraSection';

const engagements = {
  list: vi.fn().mockResolvedValue({ items: [{ id: 9, name: 'Sprint 9' }], nextCursor: null }),
} as unknown as VigilClient['engagements'];
const config = {
  id: 1,
  productId: 3,
  engagementId: 9,
  instanceId: 2,
  projectKey: 'SEC',
  issueType: 'Bug',
  priorityMap: {},
  closeTransition: 'Done',
  reopenTransition: 'To Do',
  labels: [],
  component: null,
  pushMinSeverity: 'High',
  engagementEpic: true,
  pushNotes: true,
  updatedAt: '',
};

describe('ProductJiraSection', () => {
  it('says an administrator must add an instance first', async () => {
    const productConfig = vi.fn().mockResolvedValue({ configs: [], instances: [], canEdit: true });
    renderWithApp(<ProductJiraSection productId={3} />, {
      api: { jira: { productConfig } as unknown as VigilClient['jira'], engagements },
    });
    expect(await screen.findByText('Jira is not configured')).toBeInTheDocument();
    expect(screen.getByText(/administrator must add a Jira instance/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Configure Jira' })).toBeNull();
  });

  it('lists the configuration, read-only for readers', async () => {
    const productConfig = vi.fn().mockResolvedValue({
      configs: [config],
      instances: [{ id: 2, name: 'Corp Jira', url: 'https://jira' }],
      canEdit: false,
    });
    renderWithApp(<ProductJiraSection productId={3} />, {
      api: { jira: { productConfig } as unknown as VigilClient['jira'], engagements },
    });
    expect(await screen.findByText('Corp Jira')).toBeInTheDocument();
    expect(screen.getByText('SEC · Bug · epics')).toBeInTheDocument();
    expect(screen.getByText('High and above')).toBeInTheDocument();
    expect(await screen.findByText('Sprint 9')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Configure Jira' })).toBeNull();
  });

  it('shows an error state when the product cannot be read', async () => {
    const productConfig = vi
      .fn()
      .mockRejectedValue(Object.assign(new Error('Product 3 was not found'), { status: 404 }));
    renderWithApp(<ProductJiraSection productId={3} />, {
      api: { jira: { productConfig } as unknown as VigilClient['jira'], engagements },
    });
    expect(await screen.findByText(/not found/i)).toBeInTheDocument();
  });
});
