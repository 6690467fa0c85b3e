import { Stack, Text, Title } from '@mantine/core';
import type { FindingDetail } from '@vigil/client';

export function FindingText({ finding: f }: { finding: FindingDetail }) {
  const sections = [
    ['Description', f.description],
    ['Impact', f.impact],
    ['Mitigation', f.mitigation],
    ['References', f.references],
  ].filter(([, body]) => body);
  if (sections.length === 0) return <Text c="dimmed">No description.</Text>;
  return (
    <Stack gap="md">
      {sections.map(([title, body]) => (
        <div key={title}>
          <Title order={4} size="h5" mb={4}>
            {title}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {body}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
