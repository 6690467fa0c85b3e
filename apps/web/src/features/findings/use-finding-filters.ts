import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filtersFromParams, filtersToParams, type FindingFilters } from './finding-filters';

/** Filters live in the URL: reading parses the query string, writing replaces it. */
export function useFindingFilters(): [FindingFilters, (next: FindingFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback(
    (next: FindingFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  );
  return [filters, setFilters];
}
