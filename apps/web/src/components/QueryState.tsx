import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { ErrorState } from './ErrorState';
import { EmptyState } from './EmptyState';

interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
  refetch?: () => unknown;
}

/** Loading, error/forbidden and empty states for one query; renders children with the data otherwise. */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  label = 'Loading',
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label={label} />
      </Center>
    );
  }
  if (query.error || query.data === undefined) {
    return (
      <ErrorState
        error={query.error ?? new Error('No data')}
        onRetry={query.refetch ? () => void query.refetch?.() : undefined}
      />
    );
  }
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState title="Nothing here yet" />}</>;
  return <>{children(query.data)}</>;
}
