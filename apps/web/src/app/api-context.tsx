import { createContext, useContext, type ReactNode } from 'react';
import { createVigilClient, type VigilClient } from '@vigil/client';

const ApiContext = createContext<VigilClient | null>(null);

export function ApiProvider({ client, children }: { client?: VigilClient; children: ReactNode }) {
  return <ApiContext.Provider value={client ?? defaultClient()}>{children}</ApiContext.Provider>;
}

let shared: VigilClient | null = null;
function defaultClient(): VigilClient {
  shared ??= createVigilClient();
  return shared;
}

/** The typed API client; components never call fetch themselves. */
export function useApi(): VigilClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}
