// The NVD sync (`vigil vulndb sync nvd`, the vulndb.sync job): NVD pages mapped to OSV records and
// loaded by the OSV loader (batches, skip-by-modified, invalid records reported with their ids).
// From the API it resumes where the last succeeded NVD run ended: that run's cursor holds the
// `resumeFrom` of its last page. A run that fails leaves no cursor, so the next one starts again
// from the last good one and skips what it already stored.
import { fileURLToPath } from 'node:url';
import type { SyncCounts, SyncRunRow, UnitOfWork } from '@vigil/db';
import type { ArchiveItem } from '../osv/osv-archive.ts';
import type { OsvSyncService } from '../osv/osv-sync.service.ts';
import { type NvdApiOptions, type NvdPage, nvdPagesFromApi, nvdPagesFromDirectory } from './nvd-pages.ts';

/** Where a first sync from the API starts: before the oldest CVE's last modification. */
export const NVD_FIRST_WINDOW_START = new Date('1988-01-01T00:00:00Z');

export interface NvdSyncOptions {
  uow: UnitOfWork;
  /** The OSV loader of one run, reporting its totals to onProgress. */
  loader: (onProgress: (totals: SyncCounts) => void) => Pick<OsvSyncService, 'load'>;
  /** The API client's settings (key, pacing; fetch and pause in tests). */
  api?: Omit<NvdApiOptions, 'baseUrl' | 'windowStart' | 'windowEnd'>;
  /** Parts of stored records that were left out (an invalid vector, a reference that is not a URI). */
  onWarning?: (warning: string) => void;
}

/** The cursor an NVD run leaves: where the next run's lastModified window starts. */
interface NvdCursor {
  resumeFrom: string;
}

function cursorStart(cursor: unknown): Date | undefined {
  if (typeof cursor !== 'object' || cursor === null) return undefined;
  const at = (cursor as Partial<NvdCursor>).resumeFrom;
  const date = typeof at === 'string' ? new Date(at) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

async function* archiveItems(
  pages: AsyncIterable<NvdPage>,
  onPage: (page: NvdPage) => void,
  onWarning: (warning: string) => void,
): AsyncGenerator<ArchiveItem> {
  for await (const page of pages) {
    for (const record of page.records) yield { where: `${page.where} ${record.id}`, text: JSON.stringify(record) };
    for (const problem of page.problems) yield { where: problem.id, error: problem.reason };
    for (const warning of page.warnings) onWarning(warning);
    onPage(page);
  }
}

/** A sync from `from`: an http(s) URL of the CVE API, or a directory (path or file: URL) of saved pages. */
export function createNvdSync(options: NvdSyncOptions) {
  const runs = options.uow.repos.vulndbSyncRuns;
  return async (from: string, onProgress: (totals: SyncCounts) => void): Promise<SyncRunRow> => {
    const previous = cursorStart((await runs.lastSucceeded('nvd', null))?.cursor);
    let resumeFrom = previous;
    let pages: AsyncIterable<NvdPage>;
    if (/^https?:\/\//i.test(from)) {
      const windowStart = previous ?? NVD_FIRST_WINDOW_START;
      pages = nvdPagesFromApi({ ...options.api, baseUrl: from, windowStart });
    } else {
      pages = nvdPagesFromDirectory(from.startsWith('file:') ? fileURLToPath(from) : from);
    }
    const items = archiveItems(
      pages,
      (page) => {
        if ('resumeFrom' in page && page.resumeFrom instanceof Date) resumeFrom = page.resumeFrom;
      },
      options.onWarning ?? (() => undefined),
    );
    const run = await options.loader(onProgress).load(items, { source: 'nvd', ecosystem: null, origin: from });
    if (run.status !== 'succeeded' || resumeFrom === undefined) return run;
    // A directory of pages does not move the API's window: its run carries the previous cursor on.
    const cursor: NvdCursor = { resumeFrom: resumeFrom.toISOString() };
    const none = { read: 0, inserted: 0, updated: 0, unchanged: 0, withdrawn: 0, invalid: 0 };
    await runs.advance(run.id, none, [], cursor);
    return { ...run, cursor };
  };
}
