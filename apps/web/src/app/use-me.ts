import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';

export const ME_KEY = ['auth', 'me'] as const;

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: ME_KEY, queryFn: () => api.auth.me(), staleTime: 60_000 });
}
