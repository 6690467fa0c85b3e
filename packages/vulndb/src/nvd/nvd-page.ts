// One NVD CVE API 2.0 page → OSV records. The page itself must be a CVE API page (else the whole
// page is refused: NvdPageError); each CVE is validated and mapped on its own, and a bad one is
// reported with its CVE id and skipped while the rest of the page goes on.
import type { OsvRecord } from '@vigil/contract';
import { osvFromNvdCve } from './nvd-to-osv.ts';
import { ZNvdPage, ZNvdVulnerability } from './nvd-schema.ts';

/** A page that is not an NVD CVE API 2.0 page; says which page and why. */
export class NvdPageError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where} is not an NVD CVE API 2.0 page: ${reason}`);
    this.name = 'NvdPageError';
  }
}

/** A CVE of the page that was skipped: its id (or its position when it has none) and why. */
export interface NvdRecordProblem {
  id: string;
  reason: string;
}

export interface NvdPageResult {
  startIndex: number;
  resultsPerPage: number;
  totalResults: number;
  /** When the NVD produced the page. */
  timestamp: string;
  /** How many CVEs the page holds, mapped or not. */
  count: number;
  records: OsvRecord[];
  problems: NvdRecordProblem[];
  /** Parts of a kept record that were left out or differ from the NVD's figures. */
  warnings: string[];
}

function idOf(vulnerability: unknown, fallback: string): string {
  if (typeof vulnerability !== 'object' || vulnerability === null) return fallback;
  const cve = (vulnerability as { cve?: unknown }).cve;
  const id = typeof cve === 'object' && cve !== null ? (cve as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 64) : fallback;
}

/** Reads a parsed page; `where` (a file or URL) names it in errors. */
export function readNvdPage(json: unknown, where: string): NvdPageResult {
  const page = ZNvdPage.safeParse(json);
  if (!page.success) {
    const issue = page.error.issues[0];
    throw new NvdPageError(where, `${issue.path.join('.') || '(page)'}: ${issue.message}`);
  }
  const { startIndex, resultsPerPage, totalResults, timestamp, vulnerabilities } = page.data;
  const result: NvdPageResult = {
    startIndex,
    resultsPerPage,
    totalResults,
    timestamp,
    count: vulnerabilities.length,
    records: [],
    problems: [],
    warnings: [],
  };
  vulnerabilities.forEach((vulnerability, index) => {
    const id = idOf(vulnerability, `${where} vulnerabilities[${index}]`);
    const parsed = ZNvdVulnerability.safeParse(vulnerability);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      result.problems.push({ id, reason });
      return;
    }
    const mapped = osvFromNvdCve(parsed.data.cve);
    if (!mapped.ok) {
      result.problems.push({ id: mapped.id, reason: mapped.reason });
      return;
    }
    result.records.push(mapped.record);
    result.warnings.push(...mapped.warnings);
  });
  return result;
}
