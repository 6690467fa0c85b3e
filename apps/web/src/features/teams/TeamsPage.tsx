import { useState } from 'react';
import { Anchor, Button, Group, Modal, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { MyInvitationsCard } from './MyInvitationsCard';
import { queryKeys } from '../../app/query-keys';

/** The teams the user belongs to (all teams for an admin), invitations received, and creating a team. */
export function TeamsPage() {
  const api = useApi();
  const teams = useQuery({ queryKey: queryKeys.teams.all, queryFn: () => api.teams.list() });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Teams">
        <Button onClick={() => setCreating(true)}>New team</Button>
      </PageHeader>
      <MyInvitationsCard />
      <QueryState
        query={{ ...teams, data: teams.data?.items }}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="You are in no team yet">Create one, or accept an invitation.</EmptyState>}
        label="Loading teams"
      >
        {(items) => (
          <Table striped highlightOnHover aria-label="Teams">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Description</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/teams/${t.id}`}>
                      {t.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {t.description}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal opened={creating} onClose={() => setCreating(false)} title="New team">
        <NewTeamForm onDone={() => setCreating(false)} />
      </Modal>
    </>
  );
}

function NewTeamForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useApiMutation(() => api.teams.create(name, description), {
    invalidate: [queryKeys.teams.all],
    onSuccess: (team) => {
      onDone();
      void navigate(`/teams/${team.id}`);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(undefined);
      }}
    >
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={create.fieldErrors.name}
        required
        maxLength={150}
        data-autofocus
      />
      <Textarea
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={create.fieldErrors.description}
        mt="sm"
        autosize
        minRows={2}
      />
      <Text c="red" size="sm" mt="xs" role={create.formError ? 'alert' : undefined}>
        {create.formError}
      </Text>
      <Group justify="flex-end" mt="md">
        <Button type="submit" loading={create.isPending}>
          Create
        </Button>
      </Group>
    </form>
  );
}
