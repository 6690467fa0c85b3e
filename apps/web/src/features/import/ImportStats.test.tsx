import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { ImportScanResponse } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { ImportStats } from './ImportStats';

const counts = (total: number, critical = 0, high = 0) => ({
  total,
  critical,
  high,
  medium: total - critical - high,
  low: 0,
  info: 0,
});

describe('ImportStats', () => {
  it('shows each action by severity and links to the test', () => {
    const result: ImportScanResponse = {
      importId: 1,
      mode: 'import',
      scanType: 'Trivy Scan',
      testId: 12,
      engagementId: 3,
      productId: 2,
      productTypeId: 1,
      findingsInReport: 5,
      statistics: {
        created: counts(4, 1, 2),
        reactivated: counts(0),
        closed: counts(1),
        untouched: counts(0),
        duplicates: counts(1, 1),
      },
      truncated: { findings: 0, fields: {} },
    };
    renderWithApp(<ImportStats result={result} />);
    expect(screen.getByText(/Import finished: 5 findings in the report \(Trivy Scan\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'see test #12' })).toHaveAttribute('href', '/findings?testId=12');
    const created = screen.getByRole('row', { name: /created/i });
    expect(
      within(created)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['created', '4', '1', '2', '1', '0', '0']);
  });
});
