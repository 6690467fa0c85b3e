// Where NVD pages come from: a directory of saved CVE API 2.0 pages, or the API itself, paged by
// startIndex/resultsPerPage over a lastModStartDate/lastModEndDate window. The API allows at most
// 120 days per window, so a longer one is walked in consecutive windows; each page says where a
// later run resumes (`resumeFrom`), so a sync interrupted anywhere loses nothing.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NvdPageError, type NvdPageResult, readNvdPage } from './nvd-page.ts';

const DAY_MS = 86_400_000;
/** The NVD's CVE API 2.0. */
export const NVD_CVE_API_URL = 'https://services.nvd.nist.gov/rest/json/cves/2.0';
/** The API's limits: 120 consecutive days per date window, 2,000 CVEs per page. */
export const NVD_MAX_WINDOW_DAYS = 120;
export const NVD_MAX_RESULTS_PER_PAGE = 2_000;

export interface NvdPage extends NvdPageResult {
  /** The file or URL the page came from. */
  where: string;
}

/** Reads every `*.json` page of a directory, in file-name order. */
export async function* nvdPagesFromDirectory(directory: string): AsyncGenerator<NvdPage> {
  const files = (await readdir(directory)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const where = join(directory, file);
    yield { where, ...readNvdPage(parseJson(await readFile(where, 'utf8'), where), where) };
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NvdPageError(where, `not JSON: ${(error as Error).message}`);
  }
}

/** The API answered with an error status; says which URL and which status. */
export class NvdFetchError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`the NVD API answered ${status} for ${url}`);
    this.name = 'NvdFetchError';
  }
}

export interface NvdApiOptions {
  /** The CVE API's URL (…/rest/json/cves/2.0). */
  baseUrl: string;
  /** lastModStartDate of the first window: where the previous run stopped (its page's resumeFrom). */
  windowStart: Date;
  /** lastModEndDate of the last window; default now. */
  windowEnd?: Date;
  resultsPerPage?: number;
  /** Sent as the `apiKey` header; it raises the NVD's rate limit. */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Waits between requests and before retries; tests pass one that does not wait. */
  pause?: (ms: number) => Promise<void>;
  /** Time between two requests; default 6 s without a key and 0.6 s with one (the NVD's published limits). */
  requestIntervalMs?: number;
  /** Retries of a request answered 403, 429 or 503 (the NVD's rate limiting and overload). */
  retries?: number;
  now?: () => Date;
}

export interface NvdApiPage extends NvdPage {
  window: { start: Date; end: Date };
  /** The windowStart a later run passes to continue after this page without a gap. */
  resumeFrom: Date;
}

/** The windows of at most 120 days that cover [start, end). */
export function nvdWindows(start: Date, end: Date): Array<{ start: Date; end: Date }> {
  const windows: Array<{ start: Date; end: Date }> = [];
  for (let from = start.getTime(); from < end.getTime(); from += NVD_MAX_WINDOW_DAYS * DAY_MS) {
    windows.push({
      start: new Date(from),
      end: new Date(Math.min(from + NVD_MAX_WINDOW_DAYS * DAY_MS, end.getTime())),
    });
  }
  return windows;
}

/** The NVD's date form: milliseconds and an explicit offset. */
function nvdDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

const RETRIED = new Set([403, 429, 503]);

/** Reads the API's pages of the CVEs modified in the window, oldest window first. */
export async function* nvdPagesFromApi(options: NvdApiOptions): AsyncGenerator<NvdApiPage> {
  const fetchPage = options.fetch ?? fetch;
  const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const interval = options.requestIntervalMs ?? (options.apiKey === undefined ? 6_000 : 600);
  const retries = options.retries ?? 3;
  const perPage = Math.min(options.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE, NVD_MAX_RESULTS_PER_PAGE);
  const headers: Record<string, string> = options.apiKey === undefined ? {} : { apiKey: options.apiKey };
  const end = options.windowEnd ?? (options.now ?? (() => new Date()))();
  let requests = 0;

  async function get(url: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      // One interval between requests; a retry waits one more interval per attempt.
      if (requests++ > 0) await pause(interval * Math.max(attempt, 1));
      const response = await fetchPage(url, { headers });
      if (response.ok) return parseJson(await response.text(), url);
      if (!RETRIED.has(response.status) || attempt >= retries) throw new NvdFetchError(url, response.status);
    }
  }

  for (const window of nvdWindows(options.windowStart, end)) {
    let startIndex = 0;
    for (;;) {
      const url = new URL(options.baseUrl);
      url.searchParams.set('lastModStartDate', nvdDate(window.start));
      url.searchParams.set('lastModEndDate', nvdDate(window.end));
      url.searchParams.set('startIndex', String(startIndex));
      url.searchParams.set('resultsPerPage', String(perPage));
      const where = url.toString();
      const page = readNvdPage(await get(where), where);
      const next = startIndex + page.count;
      const last = next >= page.totalResults;
      if (!last && page.count === 0) throw new NvdPageError(where, `no CVEs before the end (${page.totalResults})`);
      // Until a window is read to its end, a later run starts that window again (records it already
      // has are skipped as unchanged); after its last page, the next window.
      yield { where, ...page, window, resumeFrom: last ? window.end : window.start };
      if (last) break;
      startIndex = next;
    }
  }
}
