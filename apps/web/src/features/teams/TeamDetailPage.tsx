import { Button, Grid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../../app/api-context';
import { useMe } from '../../app/use-me';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { ChatPanel } from '../chat/ChatPanel';
import { TeamInvitationsCard } from './TeamInvitationsCard';
import { TeamMembersCard } from './TeamMembersCard';
import { queryKeys } from '../../app/query-keys';

/** One team: its channel, members and roles, invitations, leaving. */
export function TeamDetailPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const me = useMe();
  const navigate = useNavigate();
  const team = useQuery({ queryKey: queryKeys.teams.detail(id), queryFn: () => api.teamMembership.get(id) });
  const leave = useApiMutation(() => api.teamMembership.leave(id), {
    invalidate: [queryKeys.teams.all],
    onSuccess: () => void navigate('/teams'),
  });
  const isAdmin = !!me.data?.isAdmin;
  return (
    <QueryState query={team} label="Loading team">
      {(t) => {
        const manage = isAdmin || t.role === 'owner' || t.role === 'maintainer';
        return (
          <>
            <PageHeader title={t.name}>
              {t.role && (
                <Button variant="default" color="red" onClick={() => leave.mutate(undefined)} loading={leave.isPending}>
                  Leave team
                </Button>
              )}
            </PageHeader>
            {t.description && (
              <Text c="dimmed" mb="md">
                {t.description}
              </Text>
            )}
            <Text c="red" size="sm" role={leave.formError ? 'alert' : undefined}>
              {leave.formError}
            </Text>
            <Grid>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <ChatPanel channel={`team:${t.id}`} title={`#${t.name}`} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack gap="md">
                  <TeamMembersCard teamId={t.id} myRole={t.role} isAdmin={isAdmin} />
                  <TeamInvitationsCard
                    teamId={t.id}
                    canManage={manage}
                    canInviteOwners={isAdmin || t.role === 'owner'}
                  />
                </Stack>
              </Grid.Col>
            </Grid>
          </>
        );
      }}
    </QueryState>
  );
}
