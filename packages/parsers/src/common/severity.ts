import type { Severity } from '../parser.ts';

const BY_WORD: Record<string, Severity> = {
  critical: 'Critical',
  crit: 'Critical',
  high: 'High',
  error: 'High',
  medium: 'Medium',
  moderate: 'Medium',
  med: 'Medium',
  warning: 'Medium',
  low: 'Low',
  minor: 'Low',
  note: 'Low',
  info: 'Info',
  informational: 'Info',
  information: 'Info',
  none: 'Info',
  negligible: 'Info',
  unknown: 'Info',
  '': 'Info',
};

/** Maps a scanner's severity word to Vigil's five levels; unknown words become Info. */
export function normalizeSeverity(raw: unknown, fallback: Severity = 'Info'): Severity {
  if (raw === undefined || raw === null) return fallback;
  const word = String(raw).trim().toLowerCase();
  return BY_WORD[word] ?? fallback;
}

/** CVSS base score → severity, per the CVSS v3 qualitative scale. */
export function severityFromCvss(score: number | undefined | null): Severity {
  if (score === undefined || score === null || Number.isNaN(score)) return 'Info';
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'Info';
}

export const SEVERITY_ORDER: Record<Severity, number> = { Critical: 0, High: 1, Medium: 2, Low: 3, Info: 4 };
