import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import type { VigilClient } from '@vigil/client';
import { ApiProvider } from '../app/api-context';

/** Shows the router's current location so tests can assert on URL changes. */
export function LocationProbe() {
  const loc = useLocation();
  return <output data-testid="location">{loc.pathname + loc.search}</output>;
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
