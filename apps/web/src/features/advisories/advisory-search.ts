import { ADVISORY_RATINGS, type AdvisoryListQuery, type AdvisoryRating } from '@vigil/client';

/** The search form's fields, as the URL keeps them (so a search is a link). */
export interface AdvisorySearch {
  id: string;
  ecosystem: string;
  package: string;
  purl: string;
  cwe: string;
  severity: AdvisoryRating[];
  publishedFrom: string;
  publishedTo: string;
  includeWithdrawn: boolean;
}

export const EMPTY_SEARCH: AdvisorySearch = {
  id: '',
  ecosystem: '',
  package: '',
  purl: '',
  cwe: '',
  severity: [],
  publishedFrom: '',
  publishedTo: '',
  includeWithdrawn: false,
};

const TEXT_FIELDS = ['id', 'ecosystem', 'package', 'purl', 'cwe', 'publishedFrom', 'publishedTo'] as const;
export const isRating = (v: string): v is AdvisoryRating => (ADVISORY_RATINGS as readonly string[]).includes(v);

export function searchFromParams(params: URLSearchParams): AdvisorySearch {
  const search: AdvisorySearch = { ...EMPTY_SEARCH };
  for (const f of TEXT_FIELDS) search[f] = params.get(f) ?? '';
  search.severity = (params.get('severity') ?? '').split(',').filter(isRating);
  search.includeWithdrawn = params.get('includeWithdrawn') === 'true';
  return search;
}

export function paramsFromSearch(search: AdvisorySearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const f of TEXT_FIELDS) if (search[f].trim()) params.set(f, search[f].trim());
  if (search.severity.length) params.set('severity', search.severity.join(','));
  if (search.includeWithdrawn) params.set('includeWithdrawn', 'true');
  return params;
}

/** The API query of a search: empty fields left out, a CWE as its number ("CWE-79" or "79"). */
export function queryFromSearch(search: AdvisorySearch): AdvisoryListQuery {
  const text = (v: string) => v.trim() || undefined;
  const cwe = /^(?:CWE-)?(\d+)$/i.exec(search.cwe.trim());
  return {
    id: text(search.id),
    ecosystem: text(search.ecosystem),
    package: text(search.package),
    purl: text(search.purl),
    cwe: cwe ? Number(cwe[1]) : undefined,
    severity: search.severity.length ? search.severity : undefined,
    publishedFrom: text(search.publishedFrom),
    publishedTo: text(search.publishedTo),
    includeWithdrawn: search.includeWithdrawn ? 'true' : undefined,
  };
}
