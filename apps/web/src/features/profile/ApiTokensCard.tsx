import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CreatedApiToken } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function ApiTokensCard() {
  const api = useApi();
  const tokens = useQuery({ queryKey: queryKeys.auth.tokens, queryFn: () => api.auth.tokens() });
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const create = useApiMutation(() => api.auth.createToken(name, typeof days === 'number' ? days : undefined), {
    invalidate: [queryKeys.auth.tokens],
    onSuccess: (t) => (setCreated(t), setName('')),
  });
  const revoke = useApiMutation((id: number) => api.auth.revokeToken(id), { invalidate: [queryKeys.auth.tokens] });
  return (
    <Stack>
      {created && (
        <Alert
          color="green"
          title="Token created — copy it now, it will not be shown again"
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Group gap="xs" wrap="nowrap">
            <Code data-testid="new-token-key" style={{ wordBreak: 'break-all' }}>
              {created.key}
            </Code>
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <form onSubmit={(e) => (e.preventDefault(), create.mutate(undefined))} noValidate>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Token name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={
              create.fieldErrors.name ??
              (create.fieldErrors.expiresInDays ? undefined : (create.formError ?? undefined))
            }
            placeholder="CI pipeline"
          />
          <NumberInput
            label="Expires in days"
            value={days}
            onChange={setDays}
            min={1}
            max={3650}
            w={140}
            error={create.fieldErrors.expiresInDays}
          />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
      <QueryState
        query={tokens}
        label="Loading tokens"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No API tokens">Create one for scripts and CI pipelines.</EmptyState>}
      >
        {(d) => (
          <Table aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Prefix</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td>
                    <Code>{t.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{t.expiresAt ? t.expiresAt.slice(0, 10) : 'never'}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</Table.Td>
                  <Table.Td>
                    {t.revoked ? (
                      'revoked'
                    ) : (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => revoke.mutate(t.id)}
                        loading={revoke.isPending && revoke.variables === t.id}
                        aria-label={`Revoke ${t.name}`}
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
    </Stack>
  );
}
