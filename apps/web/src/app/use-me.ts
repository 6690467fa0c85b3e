import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.auth.me, queryFn: () => api.auth.me(), staleTime: 60_000 });
}
