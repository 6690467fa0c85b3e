import { Center, Paper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from './LoginForm';
import { queryKeys } from '../../app/query-keys';

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.auth.me });
    navigate(target, { replace: true });
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <Title order={1} size="h2" mb={4}>
          Vigil
        </Title>
        <Text c="dimmed" size="sm" mb="lg">
          Sign in to your vulnerability workspace
        </Text>
        <LoginForm onSuccess={() => void onSuccess()} />
      </Paper>
    </Center>
  );
}
