import { Box, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SEVERITIES, type Severity } from '@vigil/client';

const BAR_COLOR: Record<Severity, string> = {
  Critical: 'var(--mantine-color-red-9)',
  High: 'var(--mantine-color-red-6)',
  Medium: 'var(--mantine-color-orange-6)',
  Low: 'var(--mantine-color-yellow-6)',
  Info: 'var(--mantine-color-gray-6)',
};

/** A bar per severity; each bar is a link to the findings list filtered to that severity. */
export function SeverityChart({
  counts,
  hrefFor,
}: {
  counts: Record<Severity, number>;
  hrefFor: (s: Severity) => string;
}) {
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  return (
    <Box component="ul" aria-label="Open findings by severity" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {SEVERITIES.map((s) => (
        <li key={s} style={{ marginBottom: 10 }}>
          <Link
            to={hrefFor(s)}
            aria-label={`${counts[s]} open ${s} findings`}
            style={{ color: 'inherit', textDecoration: 'none', display: 'block' }}
            data-severity={s}
          >
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" w={64} fw={500}>
                {s}
              </Text>
              <Box style={{ flex: 1 }} h={22} bg="var(--mantine-color-default-hover)" aria-hidden="true">
                <Box
                  h="100%"
                  style={{
                    width: `${(counts[s] / max) * 100}%`,
                    minWidth: counts[s] > 0 ? 3 : 0,
                    background: BAR_COLOR[s],
                    borderRadius: 2,
                  }}
                />
              </Box>
              <Text size="sm" w={48} ta="right" fw={700} aria-hidden="true">
                {counts[s]}
              </Text>
            </Group>
          </Link>
        </li>
      ))}
    </Box>
  );
}
