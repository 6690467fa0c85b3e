import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../test/render';
import { TrendChart } from './TrendChart';

describe('TrendChart', () => {
  const trend = [
    { day: '2026-11-27', opened: 3, closed: 0, open: 3 },
    { day: '2026-11-28', opened: 1, closed: 2, open: 2 },
    { day: '2026-11-29', opened: 0, closed: 0, open: 2 },
  ];

  it('summarises the window in its accessible name and gives each day a tooltip', () => {
    const { container } = renderWithApp(<TrendChart trend={trend} href="/findings?active=true" />);
    expect(
      screen.getByRole('link', { name: /3 on 2026-11-27, 2 on 2026-11-29; 4 opened, 2 closed/ }),
    ).toBeInTheDocument();
    const titles = [...container.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).toContain('2026-11-28: 2 open, 1 opened, 2 closed');
  });

  it('clicks through to the open findings list', async () => {
    renderWithApp(<TrendChart trend={trend} href="/findings?active=true" />);
    await userEvent.click(screen.getByTestId('trend-chart'));
    expect(screen.getByTestId('location')).toHaveTextContent('/findings?active=true');
  });
});
