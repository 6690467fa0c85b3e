import { Alert, Button, Stack, Text } from '@mantine/core';
import { isApiError } from '@vigil/client';

/** One place that turns an API failure into words: forbidden, not found, or anything else. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error) && error.isForbidden) {
    return (
      <Alert color="orange" title="Access denied" role="alert">
        You do not have permission to see this. Ask an owner of the product for a role.
      </Alert>
    );
  }
  if (isApiError(error) && error.isNotFound) {
    return (
      <Alert color="gray" title="Not found" role="alert">
        {error.message}
      </Alert>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title="Something went wrong" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
