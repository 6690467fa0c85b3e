import { Badge } from '@mantine/core';
import type { Grade } from '@vigil/client';

const GRADE_COLOR: Record<Grade, string> = { A: 'green', B: 'lime', C: 'yellow', D: 'orange', F: 'red' };

export function GradeBadge({ grade }: { grade: Grade }) {
  return (
    <Badge color={GRADE_COLOR[grade]} variant="light" size="lg" aria-label={`Grade ${grade}`}>
      {grade}
    </Badge>
  );
}
