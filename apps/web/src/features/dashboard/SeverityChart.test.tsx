import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../test/render';
import { SeverityChart } from './SeverityChart';

describe('SeverityChart', () => {
  const counts = { Critical: 2, High: 5, Medium: 0, Low: 1, Info: 9 };

  it('has one labelled link per severity into the filtered findings list', () => {
    renderWithApp(<SeverityChart counts={counts} hrefFor={(s) => `/findings?severity=${s}&active=true`} />);
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(5);
    expect(screen.getByRole('link', { name: '5 open High findings' })).toHaveAttribute(
      'href',
      '/findings?severity=High&active=true',
    );
    expect(screen.getByRole('link', { name: '2 open Critical findings' })).toHaveAttribute(
      'href',
      '/findings?severity=Critical&active=true',
    );
  });

  it('navigates when a bar is clicked', async () => {
    renderWithApp(<SeverityChart counts={counts} hrefFor={(s) => `/findings?severity=${s}`} />);
    await userEvent.click(screen.getByRole('link', { name: '9 open Info findings' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/findings?severity=Info');
  });
});
