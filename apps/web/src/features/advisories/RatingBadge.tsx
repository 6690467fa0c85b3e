import { Badge } from '@mantine/core';
import type { AdvisoryRating } from '@vigil/client';

const RATING_COLOR: Record<AdvisoryRating, string> = {
  critical: 'red.9',
  high: 'red.6',
  medium: 'orange.6',
  low: 'yellow.6',
  none: 'gray.6',
};

/** A qualitative rating, with the score when there is one ("high 7.5"). */
export function RatingBadge({ rating, score }: { rating: AdvisoryRating | null; score?: number | null }) {
  if (!rating)
    return (
      <Badge variant="outline" color="gray" size="sm">
        unrated
      </Badge>
    );
  return (
    <Badge color={RATING_COLOR[rating]} variant="filled" size="sm" autoContrast>
      {score == null ? rating : `${rating} ${score.toFixed(1)}`}
    </Badge>
  );
}
