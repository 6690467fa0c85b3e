import { decodeCursor, toPage, type AdvisoryFilter, type AdvisorySummaryRow, type Page } from '@vigil/db';

/** More advisories than this under one id or alias are paged by the database instead. */
export const NAMED_ADVISORIES_MAX = 500;

/**
 * Whether a filter narrows by id or alias and otherwise only by what a summary row carries (ratings,
 * dates, withdrawn). The store's search evaluates "id or alias" row by row along its sort index,
 * which reads the whole table to find the one to three records an id names; such a search is
 * answered from the records the id names instead (an index lookup), filtered and paged here.
 */
export function narrowsOnlyById(f: AdvisoryFilter): f is AdvisoryFilter & { vulnId: string } {
  return (
    f.vulnId !== undefined &&
    f.ecosystem === undefined &&
    f.normalizedName === undefined &&
    f.purl === undefined &&
    f.cwe === undefined &&
    f.minScore === undefined
  );
}

const time = (d: Date | null) => (d === null ? Number.NEGATIVE_INFINITY : d.getTime());

/**
 * The page of `named` (the advisories one id names) that the filter keeps, newest first by `sort`
 * (no publication date last), continuing after `cursor`: the order and cursor rules of the search.
 */
export function pageOfNamed(
  named: AdvisorySummaryRow[],
  f: AdvisoryFilter,
  opts: { sort: 'modified' | 'published'; limit: number; cursor?: string },
): Page<AdvisorySummaryRow> {
  const key = `advisories:${opts.sort}:named`;
  const at = (a: AdvisorySummaryRow) => time(opts.sort === 'modified' ? a.modified : a.published);
  const within = (d: Date | null, from?: Date, to?: Date) =>
    (from === undefined || (d !== null && d >= from)) && (to === undefined || (d !== null && d < to));
  let rows = named
    .filter(
      (a) =>
        (f.includeWithdrawn || a.withdrawn === null) &&
        (f.ratings === undefined ||
          f.ratings.length === 0 ||
          (a.severity_rating !== null && f.ratings.includes(a.severity_rating))) &&
        within(a.modified, f.modifiedFrom, f.modifiedTo) &&
        within(a.published, f.publishedFrom, f.publishedTo),
    )
    .sort((a, b) => at(b) - at(a) || b.id - a.id);
  if (opts.cursor) {
    const after = decodeCursor(key, opts.cursor);
    const value = after.value === null ? Number.NEGATIVE_INFINITY : Number(after.value);
    rows = rows.filter((a) => at(a) < value || (at(a) === value && a.id < after.id));
  }
  return toPage(rows.slice(0, opts.limit + 1), opts.limit, key, (a) => (Number.isFinite(at(a)) ? at(a) : null));
}
