import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { ApiError, type AdvisoryDetail, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { AdvisoryDetailPage } from './AdvisoryDetailPage';

const advisory: AdvisoryDetail = {
  id: 'GHSA-aaaa-bbbb-cccc',
  canonicalId: 'CVE-2024-0001',
  aliases: ['CVE-2024-0001'],
  summary: 'Prototype pollution in merge',
  published: '2024-01-10T08:00:00.000Z',
  modified: '2024-02-01T00:00:00.000Z',
  withdrawn: '2024-03-01T00:00:00.000Z',
  severityScore: 9.8,
  severityRating: 'critical',
  details: 'A long story.',
  source: 'osv:npm',
  matchedBy: 'alias',
  related: [],
  cwes: [1321],
  aliasGroup: {
    canonicalId: 'CVE-2024-0001',
    members: ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'],
    advisories: ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'],
  },
  severities: [
    {
      type: 'CVSS_V3',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      score: 9.8,
      rating: 'critical',
      affectedIndex: null,
    },
  ],
  affected: [
    {
      ecosystem: 'npm',
      name: 'merge',
      purl: 'pkg:npm/merge',
      ranges: [
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }],
        },
      ],
      versions: [],
      ecosystemSpecific: null,
      databaseSpecific: null,
    },
  ],
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001' }],
  credits: [{ name: 'Ada', type: 'FINDER', contact: [] }],
  databaseSpecific: null,
  osv: {},
};

function renderDetail(get: ReturnType<typeof vi.fn>, url = '/advisories/CVE-2024-0001') {
  return renderWithApp(
    <Routes>
      <Route path="/advisories/:id" element={<AdvisoryDetailPage />} />
    </Routes>,
    { api: { advisories: { get } as unknown as VigilClient['advisories'] }, url },
  );
}

describe('AdvisoryDetailPage', () => {
  it('shows a record found by alias: group, scored severity, range events as published, banner', async () => {
    const get = vi.fn().mockResolvedValue(advisory);
    renderDetail(get);
    expect(await screen.findByRole('heading', { name: 'GHSA-aaaa-bbbb-cccc' })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('CVE-2024-0001');
    expect(screen.getByText('Found by its alias CVE-2024-0001')).toBeInTheDocument();
    expect(screen.getByText('Withdrawn')).toBeInTheDocument();

    const group = screen.getByLabelText('Alias group');
    expect(within(group).getByRole('link', { name: 'PYSEC-2024-1' })).toHaveAttribute(
      'href',
      '/advisories/PYSEC-2024-1',
    );
    expect(within(group).queryByRole('link', { name: 'CVE-2024-0001' })).toBeNull();

    const severities = screen.getByRole('table', { name: 'Severities' });
    expect(within(severities).getByText('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeInTheDocument();
    expect(within(severities).getByText('critical 9.8')).toBeInTheDocument();

    // Two disjoint intervals stay four events, as published (never one 1.0.0–2.1.0 interval).
    const range = screen.getByRole('table', { name: 'npm merge range 1' });
    const rows = within(range)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['introduced1.0.0', 'fixed1.2.0', 'introduced2.0.0', 'fixed2.1.0']);

    expect(screen.getByRole('link', { name: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001' })).toBeInTheDocument();
    expect(screen.getByText('Ada (finder)')).toBeInTheDocument();
  });

  it('says so when no advisory has that id or alias', async () => {
    const get = vi
      .fn()
      .mockRejectedValue(new ApiError(404, 'ADVISORY_NOT_FOUND', 'Advisory CVE-1999-0000 was not found'));
    renderDetail(get, '/advisories/CVE-1999-0000');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not found')).toBeInTheDocument();
    expect(within(alert).getByText('Advisory CVE-1999-0000 was not found')).toBeInTheDocument();
  });
});
