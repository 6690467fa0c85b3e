import { useQuery } from '@tanstack/react-query';
import type { Product, Severity, VigilClient } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';

const MAX_PRODUCT_PAGES = 10;

async function allProducts(api: VigilClient): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PRODUCT_PAGES; i++) {
    const page = await api.products.list({ limit: 500, cursor });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export function severityTotals(products: Product[]): Record<Severity, number> {
  const t: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0, Info: 0 };
  for (const p of products) {
    t.Critical += p.openFindings.critical;
    t.High += p.openFindings.high;
    t.Medium += p.openFindings.medium;
    t.Low += p.openFindings.low;
    t.Info += p.openFindings.info;
  }
  return t;
}

/** Open counts come from the products' own stats; trend, SLA, remediation and imports from /dashboard. */
export function useDashboardData() {
  const api = useApi();
  const products = useQuery({ queryKey: queryKeys.dashboard.products, queryFn: () => allProducts(api) });
  const overview = useQuery({ queryKey: queryKeys.dashboard.overview, queryFn: () => api.dashboard.get(90) });
  return { products, overview };
}
