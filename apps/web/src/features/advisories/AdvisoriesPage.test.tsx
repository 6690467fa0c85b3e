import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdvisorySummary, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { AdvisoriesPage } from './AdvisoriesPage';

const advisory: AdvisorySummary = {
  id: 'GHSA-aaaa-bbbb-cccc',
  canonicalId: 'CVE-2024-0001',
  aliases: ['CVE-2024-0001'],
  summary: 'Prototype pollution in merge',
  published: '2024-01-10T08:00:00.000Z',
  modified: '2024-02-01T00:00:00.000Z',
  withdrawn: null,
  severityScore: 9.8,
  severityRating: 'critical',
};

const apiWith = (list: ReturnType<typeof vi.fn>) => ({
  api: { advisories: { list } as unknown as VigilClient['advisories'] },
});

describe('AdvisoriesPage', () => {
  it('lists advisories with links, and searches with the form (the search goes in the URL)', async () => {
    const list = vi.fn().mockResolvedValue({ items: [advisory], nextCursor: null });
    renderWithApp(<AdvisoriesPage />, apiWith(list));
    const table = await screen.findByRole('table', { name: 'Advisories' });
    const link = within(table).getByRole('link', { name: 'GHSA-aaaa-bbbb-cccc' });
    expect(link).toHaveAttribute('href', '/advisories/GHSA-aaaa-bbbb-cccc');
    expect(within(table).getByText('CVE-2024-0001')).toBeInTheDocument();
    expect(within(table).getByText('critical 9.8')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Ecosystem'), { target: { value: 'PyPI' } });
    fireEvent.change(screen.getByLabelText('Package'), { target: { value: 'django' } });
    fireEvent.change(screen.getByLabelText('CWE'), { target: { value: 'CWE-79' } });
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith(
        expect.objectContaining({ ecosystem: 'PyPI', package: 'django', cwe: 79, limit: 50 }),
      ),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('/?ecosystem=PyPI&package=django&cwe=CWE-79');
  });

  it('asks for the ecosystem when a package is given without one', async () => {
    const list = vi.fn().mockResolvedValue({ items: [], nextCursor: null });
    renderWithApp(<AdvisoriesPage />, apiWith(list));
    expect(await screen.findByText('No advisories match')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Package'), { target: { value: 'lodash' } });
    expect(screen.getByText('Give the ecosystem too')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Search' })).toBeDisabled();
  });
});
