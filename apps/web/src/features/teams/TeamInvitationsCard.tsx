import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TEAM_ROLES, type TeamRole } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const STATUS_COLOR: Record<string, string> = {
  pending: 'blue',
  accepted: 'green',
  declined: 'gray',
  revoked: 'orange',
  expired: 'gray',
};

/** The team's invitations; maintainers and owners invite (username or email) and revoke. */
export function TeamInvitationsCard({
  teamId,
  canManage,
  canInviteOwners,
}: {
  teamId: number;
  canManage: boolean;
  canInviteOwners: boolean;
}) {
  const api = useApi();
  const key = queryKeys.teams.invitations(teamId);
  const list = useQuery({ queryKey: key, queryFn: () => api.teamMembership.invitations(teamId) });
  const [invitee, setInvitee] = useState('');
  const [role, setRole] = useState<TeamRole>('member');
  const invite = useApiMutation(() => api.teamMembership.invite(teamId, invitee.trim(), role), {
    invalidate: [key],
    onSuccess: () => setInvitee(''),
  });
  const revoke = useApiMutation((id: number) => api.teamInvitations.revoke(id), { invalidate: [key] });
  return (
    <Card withBorder aria-label="Invitations">
      <Title order={4} mb="xs">
        Invitations
      </Title>
      {canManage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate(undefined);
          }}
        >
          <Group align="flex-end" gap="xs" mb="sm">
            <TextInput
              label="Invite (username or email)"
              value={invitee}
              onChange={(e) => setInvitee(e.currentTarget.value)}
              error={invite.fieldErrors.invitee}
              required
              style={{ flex: 1 }}
            />
            <Select
              label="Role"
              data={TEAM_ROLES.filter((r) => r !== 'owner' || canInviteOwners)}
              value={role}
              onChange={(v) => v && setRole(v as TeamRole)}
              allowDeselect={false}
              w={140}
            />
            <Button type="submit" loading={invite.isPending}>
              Invite
            </Button>
          </Group>
        </form>
      )}
      <QueryState
        query={{ ...list, data: list.data?.items }}
        isEmpty={(d) => d.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            No invitations.
          </Text>
        }
        label="Loading invitations"
      >
        {(items) => (
          <Table aria-label="Team invitations">
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    {i.invitee.username ?? `${i.invitee.email} (waiting for the address to be verified)`}
                  </Table.Td>
                  <Table.Td>{i.role}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[i.status]} variant="light">
                      {i.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {i.status === 'pending'
                        ? `expires ${new Date(i.expiresAt).toLocaleDateString()}`
                        : i.respondedAt
                          ? new Date(i.respondedAt).toLocaleDateString()
                          : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canManage && i.status === 'pending' && (i.role !== 'owner' || canInviteOwners) && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => revoke.mutate(i.id)}
                        aria-label={`Revoke the invitation of ${i.invitee.username ?? i.invitee.email}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Text c="red" size="sm" role={invite.formError || revoke.formError ? 'alert' : undefined}>
        {invite.formError ?? revoke.formError}
      </Text>
    </Card>
  );
}
