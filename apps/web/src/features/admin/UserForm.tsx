import { useState } from 'react';
import { Button, Checkbox, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { UserInput } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function UserForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<UserInput>({
    username: '',
    email: '',
    firstName: '',
    lastName: '',
    password: '',
    isAdmin: false,
    isActive: true,
  });
  const save = useApiMutation(
    (body: UserInput) => api.users.create({ ...body, password: body.password || undefined }),
    { invalidate: [queryKeys.users.all], onSuccess: onDone },
  );
  const text = (key: 'username' | 'email' | 'firstName' | 'lastName', label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={form[key] ?? ''}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      error={save.fieldErrors[key]}
    />
  );
  return (
    <form onSubmit={(e) => (e.preventDefault(), save.mutate(form))} noValidate>
      <Stack>
        <FormError message={save.formError} />
        {text('username', 'Username', true)}
        {text('email', 'Email')}
        <Group grow>
          {text('firstName', 'First name')}
          {text('lastName', 'Last name')}
        </Group>
        <PasswordInput
          label="Password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          error={save.fieldErrors.password}
          description="Leave empty for LDAP/OIDC-only accounts"
        />
        <Group>
          <Checkbox
            label="Administrator"
            checked={form.isAdmin}
            onChange={(e) => setForm({ ...form, isAdmin: e.currentTarget.checked })}
          />
          <Checkbox
            label="Active"
            checked={form.isActive}
            onChange={(e) => setForm({ ...form, isActive: e.currentTarget.checked })}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
