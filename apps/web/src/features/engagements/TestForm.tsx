import { useState } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { TestRunInput } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function TestForm({ engagementId, onDone }: { engagementId: number; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<TestRunInput>({
    engagementId,
    scanType: 'Manual Code Review',
    title: '',
    environment: '',
  });
  const save = useApiMutation((body: TestRunInput) => api.tests.create({ ...body, title: body.title || null }), {
    invalidate: [queryKeys.tests.all],
    onSuccess: onDone,
  });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save.mutate(form))} noValidate>
      <Stack>
        <FormError message={save.formError} />
        <TextInput
          label="Scan type"
          required
          value={form.scanType}
          onChange={(e) => setForm({ ...form, scanType: e.currentTarget.value })}
          error={save.fieldErrors.scanType}
          data-autofocus
        />
        <TextInput
          label="Title"
          value={form.title ?? ''}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          error={save.fieldErrors.title}
        />
        <TextInput
          label="Environment"
          value={form.environment}
          onChange={(e) => setForm({ ...form, environment: e.currentTarget.value })}
          error={save.fieldErrors.environment}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Add test
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
