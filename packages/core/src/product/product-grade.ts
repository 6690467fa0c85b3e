import type { ProductStats } from '@vigil/db';

/**
 * Product grade from open findings, as DefectDojo grades: the score is set
 * by the worst open severity; then letter bands.
 */
export function productGrade(stats: ProductStats | undefined): { score: number; grade: 'A' | 'B' | 'C' | 'D' | 'F' } {
  const s = stats ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let score = 100;
  if (Number(s.critical) > 0) score = 40;
  else if (Number(s.high) > 0) score = 60;
  else if (Number(s.medium) > 0) score = 80;
  else if (Number(s.low) > 0) score = 95;
  const grade = score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F';
  return { score: Math.max(0, score), grade };
}
