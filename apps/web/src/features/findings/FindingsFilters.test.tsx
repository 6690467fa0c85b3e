import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { filtersFromParams, filtersToParams, toListQuery } from './finding-filters';
import { FindingsFilters } from './FindingsFilters';
import { useFindingFilters } from './use-finding-filters';

const api = { products: { list: async () => ({ items: [], nextCursor: null }) } } as unknown as VigilClient;

function UrlBoundFilters() {
  const [filters, setFilters] = useFindingFilters();
  return <FindingsFilters value={filters} onChange={setFilters} />;
}

describe('finding filters and the URL', () => {
  it('round-trips every filter through the query string', () => {
    const qs =
      'severity=Critical,High&active=true&verified=false&productId=3&cwe=79&vulnerabilityId=CVE-2024-1&' +
      'componentName=lodash&tag=pci&sla=breached&sort=-severity';
    const f = filtersFromParams(new URLSearchParams(qs));
    expect(f).toMatchObject({
      severity: ['Critical', 'High'],
      active: true,
      verified: false,
      productId: 3,
      cwe: 79,
      vulnerabilityId: 'CVE-2024-1',
      componentName: 'lodash',
      tag: 'pci',
      sla: 'breached',
      sort: '-severity',
    });
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
    expect(toListQuery(f).severity).toEqual(['Critical', 'High']);
  });

  it('ignores junk in the URL', () => {
    const f = filtersFromParams(
      new URLSearchParams('severity=Bogus,High&productId=-1&cwe=abc&active=maybe&sla=never&sort=drop'),
    );
    expect(f).toEqual({
      severity: ['High'],
      sort: '-id',
      active: undefined,
      verified: undefined,
      productId: undefined,
      engagementId: undefined,
      testId: undefined,
      cwe: undefined,
      vulnerabilityId: undefined,
      componentName: undefined,
      tag: undefined,
      title: undefined,
      sla: undefined,
    });
  });

  it('shows the filters from the URL and writes changes back to it', async () => {
    renderWithApp(<UrlBoundFilters />, { api, url: '/findings?severity=High&active=true' });
    expect(screen.getByRole('checkbox', { name: 'High' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Critical' })).not.toBeChecked();
    expect(screen.getByLabelText('Active')).toHaveValue('true');

    await userEvent.click(screen.getByRole('checkbox', { name: 'Critical' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/findings?severity=Critical%2CHigh&active=true');

    fireEvent.change(screen.getByLabelText('SLA'), { target: { value: 'breached' } });
    expect(screen.getByTestId('location')).toHaveTextContent('sla=breached');

    const cve = screen.getByLabelText('CVE / vuln id');
    await userEvent.type(cve, 'CVE-2021-44228{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('vulnerabilityId=CVE-2021-44228'));
  });
});
