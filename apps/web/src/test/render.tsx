import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider, useQuery, type QueryKey } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import type { VigilClient } from '@vigil/client';
import { ApiProvider } from '../app/api-context';

/** Shows the router's current location so tests can assert on URL changes. */
export function LocationProbe() {
  const loc = useLocation();
  return <output data-testid="location">{loc.pathname + loc.search}</output>;
}

/**
 * Shows the status of the query under `queryKey` ('pending', 'success', 'error') without fetching it.
 * It re-renders in the same commit as the component that owns the query, so a test can wait for
 * `success` and then assert that the component shows nothing (an empty state that renders nothing).
 */
export function QueryStatusProbe({ queryKey }: { queryKey: QueryKey }) {
  // No queryFn of its own: the query keeps fetching with the component's (the last observer's options would win).
  const { status } = useQuery({ queryKey, enabled: false });
  return <output data-testid="query-status">{status}</output>;
}

export function renderWithApp(ui: ReactElement, { api = {} as Partial<VigilClient>, url = '/' } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <ApiProvider client={api as VigilClient}>
          <MemoryRouter initialEntries={[url]}>
            {ui}
            <LocationProbe />
          </MemoryRouter>
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
