import type { Severity } from '../parser.ts';

/** A CVSS v3.x base vector with its computed base score (FIRST CVSS v3.1 specification). */
export interface Cvss3 {
  /** Normalized vector, "CVSS:3.1/AV:N/AC:L/...". */
  vector: string;
  baseScore: number;
  severity: Severity;
}

const WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};
const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'];

/** CVSS v3.1 "round up to one decimal", robust to floating-point noise. */
function roundUp(value: number): number {
  const int = Math.round(value * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}

/** Severity word for a CVSS v3 base score; a 0.0 score is Info. */
export function cvss3Severity(score: number): Severity {
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'Info';
}

/**
 * Parses a CVSS v3.0/v3.1 vector (the "CVSS:3.x/" prefix is required, as in the reference
 * implementation) found anywhere in `text`; undefined when there is no valid v3 vector.
 */
export function parseCvss3(text: string | undefined | null): Cvss3 | undefined {
  if (!text) return undefined;
  const m = /CVSS:3\.[01]\/[A-Za-z:/]+/.exec(String(text));
  if (!m) return undefined;
  const [prefix, ...parts] = m[0].replace(/\/+$/, '').split('/');
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [key, value] = part.split(':');
    if (!key || !value || metrics.has(key)) return undefined;
    metrics.set(key, value);
  }
  for (const key of BASE_METRICS) if (!metrics.has(key)) return undefined;
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const pr = metrics.get('PR');
  const prWeight =
    pr === 'N'
      ? 0.85
      : pr === 'L'
        ? scope === 'C'
          ? 0.68
          : 0.62
        : pr === 'H'
          ? scope === 'C'
            ? 0.5
            : 0.27
          : undefined;
  const w = (k: string) => WEIGHTS[k][metrics.get(k) as string];
  const values = [w('AV'), w('AC'), w('UI'), w('C'), w('I'), w('A'), prWeight];
  if (values.some((v) => v === undefined)) return undefined;
  const [av, ac, ui, c, i, a] = values as number[];
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * (prWeight as number) * ui;
  let baseScore = 0;
  if (impact > 0) {
    baseScore =
      scope === 'U'
        ? roundUp(Math.min(impact + exploitability, 10))
        : roundUp(Math.min(1.08 * (impact + exploitability), 10));
  }
  const vector = `${prefix}/${BASE_METRICS.map((k) => `${k}:${metrics.get(k)}`).join('/')}`;
  return { vector, baseScore, severity: cvss3Severity(baseScore) };
}
