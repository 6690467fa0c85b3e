import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMe } from '../../app/use-me';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ApiTokensCard } from './ApiTokensCard';
import { EmailVerificationStatus } from './EmailVerificationStatus';

export function ProfilePage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Profile" />
      <Stack>
        <Card withBorder>
          <QueryState query={me}>
            {(u) => (
              <Group gap="lg">
                <Text fw={700}>{u.username}</Text>
                <Text c="dimmed">{[u.firstName, u.lastName].filter(Boolean).join(' ')}</Text>
                <Text c="dimmed">{u.email}</Text>
                <EmailVerificationStatus user={u} />
                {u.isAdmin && <Badge>Administrator</Badge>}
              </Group>
            )}
          </QueryState>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            API tokens
          </Title>
          <ApiTokensCard />
        </Card>
      </Stack>
    </>
  );
}
