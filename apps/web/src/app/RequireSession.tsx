import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '@vigil/client';
import { ErrorState } from '../components/ErrorState';
import { useMe } from './use-me';

/** Sends a visitor without a session to the login page, remembering where they were going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading session" />
      </Center>
    );
  }
  if (me.error) {
    if (isApiError(me.error) && me.error.isUnauthenticated) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return <ErrorState error={me.error} />;
  }
  return <>{children}</>;
}
