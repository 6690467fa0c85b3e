import { Badge, Button, Group, Text } from '@mantine/core';
import type { User } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useApiMutation } from '../../hooks/use-api-mutation';

/** Whether the address is verified; an unverified one can be sent a new link (docs/api.md, "Email addresses"). */
export function EmailVerificationStatus({ user }: { user: User }) {
  const api = useApi();
  const resend = useApiMutation(() => api.auth.resendVerification());
  if (!user.email) return null;
  if (user.emailVerified)
    return (
      <Badge color="green" variant="light">
        verified
      </Badge>
    );
  return (
    <Group gap="xs">
      <Badge color="yellow" variant="light">
        not verified
      </Badge>
      <Button size="xs" variant="subtle" loading={resend.isPending} onClick={() => resend.mutate(undefined)}>
        Send verification link
      </Button>
      {resend.data && (
        <Text size="sm">{resend.data.sent ? `Link sent to ${resend.data.email}.` : resend.data.reason}</Text>
      )}
      {resend.formError && (
        <Text size="sm" c="red">
          {resend.formError}
        </Text>
      )}
    </Group>
  );
}
