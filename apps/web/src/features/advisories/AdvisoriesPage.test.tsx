import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
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
  it('lists advisories with their aliases and rating, each linking to its page', async () => {
    const list = vi.fn().mockResolvedValue({ items: [advisory], nextCursor: null });
    renderWithApp(<AdvisoriesPage />, apiWith(list));
    const id = await screen.findByText('GHSA-aaaa-bbbb-cccc');
    expect(id.closest('a')).toHaveAttribute('href', '/advisories/GHSA-aaaa-bbbb-cccc');
    expect(screen.getByText('CVE-2024-0001')).toBeInTheDocument();
    expect(screen.getByText('critical 9.8')).toBeInTheDocument();
  });

  it('searches with the form and keeps the search in the URL', async () => {
    const list = vi.fn().mockResolvedValue({ items: [advisory], nextCursor: null });
    renderWithApp(<AdvisoriesPage />, apiWith(list));
    await screen.findByText('GHSA-aaaa-bbbb-cccc');
    fireEvent.change(screen.getByLabelText('Ecosystem'), { target: { value: 'PyPI' } });
    fireEvent.change(screen.getByLabelText('Package'), { target: { value: 'django' } });
    fireEvent.change(screen.getByLabelText('CWE'), { target: { value: 'CWE-79' } });
    fireEvent.submit(screen.getByLabelText('Search advisories'));
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
