import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { useRealtimeEvents } from '../../realtime/realtime-context';
import { queryKeys } from '../../app/query-keys';

/** Invitations the signed-in user received: accept or decline. Refreshes live on team.* events. */
export function MyInvitationsCard() {
  const api = useApi();
  const mine = useQuery({ queryKey: queryKeys.teamInvitations.mine, queryFn: () => api.teamInvitations.mine() });
  const invalidate = [queryKeys.teamInvitations.mine, queryKeys.teams.all];
  const accept = useApiMutation((id: number) => api.teamInvitations.accept(id), { invalidate });
  const decline = useApiMutation((id: number) => api.teamInvitations.decline(id), { invalidate });
  useRealtimeEvents((e) => {
    if (e.type.startsWith('team.invit')) void mine.refetch();
  });
  const items = mine.data?.items ?? [];
  if (mine.isPending || mine.error || !items.length) return null;
  return (
    <Card withBorder mb="md" aria-label="Your invitations">
      <Title order={4} mb="xs">
        Invitations for you
      </Title>
      <Stack gap="xs">
        {items.map((inv) => (
          <Group key={inv.id} justify="space-between">
            <Text size="sm">
              <b>{inv.invitedBy?.username ?? 'Someone'}</b> invited you to <b>{inv.team.name}</b> as {inv.role} (
              {`expires ${new Date(inv.expiresAt).toLocaleDateString()}`})
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => accept.mutate(inv.id)}
                loading={accept.isPending && accept.variables === inv.id}
              >
                Accept
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => decline.mutate(inv.id)}
                loading={decline.isPending && decline.variables === inv.id}
              >
                Decline
              </Button>
            </Group>
          </Group>
        ))}
        <Text c="red" size="sm" role={accept.formError || decline.formError ? 'alert' : undefined}>
          {accept.formError ?? decline.formError}
        </Text>
      </Stack>
    </Card>
  );
}
