import { ActionIcon, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TEAM_ROLES, type TeamRole } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/** Members and their roles; maintainers and owners change roles and remove (only owners touch owners). */
export function TeamMembersCard({
  teamId,
  myRole,
  isAdmin,
}: {
  teamId: number;
  myRole: TeamRole | null;
  isAdmin: boolean;
}) {
  const api = useApi();
  const key = queryKeys.teams.members(teamId);
  const members = useQuery({ queryKey: key, queryFn: () => api.teamMembership.members(teamId) });
  const setRole = useApiMutation(
    ({ userId, role }: { userId: number; role: TeamRole }) => api.teamMembership.setMember(teamId, userId, role),
    { invalidate: [key] },
  );
  const remove = useApiMutation((userId: number) => api.teamMembership.removeMember(teamId, userId), {
    invalidate: [key],
  });
  const manage = isAdmin || myRole === 'owner' || myRole === 'maintainer';
  const mayTouch = (role: TeamRole) => isAdmin || myRole === 'owner' || (myRole === 'maintainer' && role !== 'owner');
  return (
    <Card withBorder aria-label="Members">
      <Title order={4} mb="xs">
        Members
      </Title>
      <QueryState query={{ ...members, data: members.data?.items }} label="Loading members">
        {(items) => (
          <Table aria-label="Team members">
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td>{m.username}</Table.Td>
                  <Table.Td>
                    {manage && mayTouch(m.role) ? (
                      <Select
                        size="xs"
                        data={TEAM_ROLES.filter((r) => r !== 'owner' || isAdmin || myRole === 'owner')}
                        value={m.role}
                        onChange={(v) => v && setRole.mutate({ userId: m.userId, role: v as TeamRole })}
                        aria-label={`Role of ${m.username}`}
                        allowDeselect={false}
                      />
                    ) : (
                      <Text size="sm">{m.role}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {manage && mayTouch(m.role) && (
                      <Group justify="flex-end">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => remove.mutate(m.userId)}
                          aria-label={`Remove ${m.username}`}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Text c="red" size="sm" role={setRole.formError || remove.formError ? 'alert' : undefined}>
        {setRole.formError ?? remove.formError}
      </Text>
    </Card>
  );
}
