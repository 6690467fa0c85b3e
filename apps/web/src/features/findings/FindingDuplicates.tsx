import { Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { FindingDetail } from '@vigil/client';

export function FindingDuplicates({ finding: f }: { finding: FindingDetail }) {
  if (!f.original && f.duplicates.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No duplicates.
      </Text>
    );
  return (
    <>
      {f.original && (
        <Text size="sm" mb="xs">
          Duplicate of{' '}
          <Anchor component={Link} to={`/findings/${f.original.id}`}>
            #{f.original.id} {f.original.title}
          </Anchor>
        </Text>
      )}
      {f.duplicates.length > 0 && (
        <List size="sm" aria-label="Duplicates of this finding">
          {f.duplicates.map((d) => (
            <List.Item key={d.id}>
              <Anchor component={Link} to={`/findings/${d.id}`}>
                #{d.id} {d.title}
              </Anchor>{' '}
              (test #{d.testId})
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
