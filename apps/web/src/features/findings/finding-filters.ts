import { SEVERITIES, type FindingListQuery, type FindingSort, type Severity } from '@vigil/client';

/** The findings list's filters, as kept in the URL query string (so a filtered view can be shared). */
export interface FindingFilters {
  severity: Severity[];
  active?: boolean;
  verified?: boolean;
  productId?: number;
  engagementId?: number;
  testId?: number;
  cwe?: number;
  vulnerabilityId?: string;
  componentName?: string;
  tag?: string;
  title?: string;
  sla?: 'breached' | 'soon' | 'ok';
  sort: FindingSort;
}

const SORTS: FindingSort[] = ['id', '-id', 'severity', '-severity', 'date', '-date', 'title', '-title'];
const NUMERIC = ['productId', 'engagementId', 'testId', 'cwe'] as const;
const TEXT = ['vulnerabilityId', 'componentName', 'tag', 'title'] as const;
const BOOLEAN = ['active', 'verified'] as const;

const positiveInt = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const bool = (v: string | null) => (v === 'true' ? true : v === 'false' ? false : undefined);

export function filtersFromParams(params: URLSearchParams): FindingFilters {
  const requested = (params.get('severity') ?? '').split(',');
  const f: FindingFilters = {
    severity: SEVERITIES.filter((s) => requested.includes(s)),
    sort: SORTS.includes(params.get('sort') as FindingSort) ? (params.get('sort') as FindingSort) : '-id',
  };
  for (const k of NUMERIC) f[k] = positiveInt(params.get(k));
  for (const k of TEXT) f[k] = params.get(k)?.trim() || undefined;
  for (const k of BOOLEAN) f[k] = bool(params.get(k));
  const sla = params.get('sla');
  f.sla = sla === 'breached' || sla === 'soon' || sla === 'ok' ? sla : undefined;
  return f;
}

export function filtersToParams(f: FindingFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.severity.length) p.set('severity', SEVERITIES.filter((s) => f.severity.includes(s)).join(','));
  for (const k of BOOLEAN) if (f[k] !== undefined) p.set(k, String(f[k]));
  for (const k of NUMERIC) if (f[k] !== undefined) p.set(k, String(f[k]));
  for (const k of TEXT) if (f[k]) p.set(k, String(f[k]));
  if (f.sla) p.set('sla', f.sla);
  if (f.sort !== '-id') p.set('sort', f.sort);
  return p;
}

export function toListQuery(f: FindingFilters): FindingListQuery {
  const { severity, ...rest } = f;
  return { ...rest, severity: severity.length ? severity : undefined };
}

export function activeFilterCount(f: FindingFilters): number {
  return [...filtersToParams(f).keys()].filter((k) => k !== 'sort').length;
}
