import { Alert } from '@mantine/core';

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title="Could not save">
      {message}
    </Alert>
  );
}
