import { useState } from 'react';
import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { ENGAGEMENT_STATUSES, ENGAGEMENT_TYPES, type EngagementInput, type EngagementType } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export function EngagementForm({ productId, onDone }: { productId: number; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<EngagementInput>({
    productId,
    name: '',
    targetStart: today(),
    targetEnd: inDays(14),
    status: 'In Progress',
    engagementType: 'Interactive',
    description: '',
  });
  const save = useApiMutation((body: EngagementInput) => api.engagements.create(body), {
    invalidate: [queryKeys.engagements.all],
    onSuccess: onDone,
  });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save.mutate(form))} noValidate>
      <Stack>
        <FormError message={save.formError} />
        <TextInput
          label="Name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={save.fieldErrors.name}
          data-autofocus
        />
        <Group grow>
          <TextInput
            label="Target start"
            type="date"
            required
            value={form.targetStart}
            onChange={(e) => setForm({ ...form, targetStart: e.currentTarget.value })}
            error={save.fieldErrors.targetStart}
          />
          <TextInput
            label="Target end"
            type="date"
            required
            value={form.targetEnd}
            onChange={(e) => setForm({ ...form, targetEnd: e.currentTarget.value })}
            error={save.fieldErrors.targetEnd}
          />
        </Group>
        <Group grow>
          <Select
            label="Status"
            data={[...ENGAGEMENT_STATUSES]}
            value={form.status}
            onChange={(v) => v && setForm({ ...form, status: v as EngagementInput['status'] })}
            allowDeselect={false}
          />
          <Select
            label="Type"
            data={[...ENGAGEMENT_TYPES]}
            value={form.engagementType}
            onChange={(v) => v && setForm({ ...form, engagementType: v as EngagementType })}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label="Description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          error={save.fieldErrors.description}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Create engagement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
