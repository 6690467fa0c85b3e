import type { Finding, FindingListQuery, FindingSummary, Page } from '@vigil/client';

const CSV_COLUMNS: Array<keyof FindingSummary> = [
  'id',
  'title',
  'severity',
  'productId',
  'engagementId',
  'testId',
  'cwe',
  'vulnerabilityIds',
  'componentName',
  'componentVersion',
  'filePath',
  'line',
  'active',
  'verified',
  'falsePositive',
  'mitigated',
  'duplicate',
  'date',
  'slaExpirationDate',
  'tags',
];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function findingsToCsv(findings: readonly FindingSummary[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of findings) lines.push(CSV_COLUMNS.map((c) => csvCell(f[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * The first `count` findings of a filtered list with every field (view=full), page by page: the
 * table holds summaries, a JSON export carries whole findings.
 */
export async function fetchFullFindings(
  listFull: (q: FindingListQuery) => Promise<Page<Finding>>,
  query: FindingListQuery,
  count: number,
): Promise<Finding[]> {
  const out: Finding[] = [];
  let cursor: string | undefined;
  while (out.length < count) {
    const page = await listFull({ ...query, cursor, limit: Math.min(500, count - out.length) });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export function findingsToJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings, null, 2);
}

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
