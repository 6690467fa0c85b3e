import { Box, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { DashboardTrendDay } from '@vigil/client';

const W = 600;
const H = 160;
const PAD = 4;

function path(values: number[], max: number): string {
  const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
  return values
    .map((v, i) => `${i ? 'L' : 'M'}${(PAD + i * step).toFixed(1)},${(H - PAD - (v / max) * (H - 2 * PAD)).toFixed(1)}`)
    .join(' ');
}

/**
 * Open findings at the end of each day, with what opened and closed that day. The chart is one
 * link into the open findings list; each day carries its numbers in a tooltip (SVG title).
 */
export function TrendChart({ trend, href }: { trend: DashboardTrendDay[]; href: string }) {
  if (!trend.length) return null;
  const max = Math.max(1, ...trend.map((d) => Math.max(d.open, d.opened, d.closed)));
  const first = trend[0];
  const last = trend[trend.length - 1];
  const opened = trend.reduce((n, d) => n + d.opened, 0);
  const closed = trend.reduce((n, d) => n + d.closed, 0);
  const step = trend.length > 1 ? (W - 2 * PAD) / (trend.length - 1) : 0;
  const label =
    `Open findings over ${trend.length} days: ${first.open} on ${first.day}, ${last.open} ` +
    `on ${last.day}; ${opened} opened, ${closed} closed`;
  return (
    <Box>
      <Link to={href} aria-label={label} style={{ display: 'block', color: 'inherit' }} data-testid="trend-chart">
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-hidden="true" preserveAspectRatio="none">
          <path
            d={path(
              trend.map((d) => d.open),
              max,
            )}
            fill="none"
            stroke="var(--mantine-color-red-6)"
            strokeWidth={2.5}
          />
          <path
            d={path(
              trend.map((d) => d.opened),
              max,
            )}
            fill="none"
            stroke="var(--mantine-color-orange-5)"
            strokeWidth={1}
            strokeDasharray="3 3"
          />
          <path
            d={path(
              trend.map((d) => d.closed),
              max,
            )}
            fill="none"
            stroke="var(--mantine-color-teal-6)"
            strokeWidth={1}
            strokeDasharray="3 3"
          />
          {trend.map((d, i) => (
            <rect
              key={d.day}
              x={PAD + i * step - step / 2}
              y={0}
              width={Math.max(step, 1)}
              height={H}
              fill="transparent"
            >
              <title>{`${d.day}: ${d.open} open, ${d.opened} opened, ${d.closed} closed`}</title>
            </rect>
          ))}
        </svg>
      </Link>
      <Group gap="md" mt={4} justify="space-between">
        <Text size="xs" c="dimmed">
          {first.day}
        </Text>
        <Group gap="md">
          <Text size="xs" c="red.6">
            ━ open ({last.open})
          </Text>
          <Text size="xs" c="orange.6">
            ┅ opened ({opened})
          </Text>
          <Text size="xs" c="teal.6">
            ┅ closed ({closed})
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {last.day}
        </Text>
      </Group>
    </Box>
  );
}
