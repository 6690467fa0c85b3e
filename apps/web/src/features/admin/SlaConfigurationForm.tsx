import { useState } from 'react';
import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import type { SlaConfiguration, SlaConfigurationInput } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const DAY_FIELDS = [
  ['criticalDays', 'Critical'],
  ['highDays', 'High'],
  ['mediumDays', 'Medium'],
  ['lowDays', 'Low'],
] as const;

export function SlaConfigurationForm({ initial, onDone }: { initial?: SlaConfiguration; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<SlaConfigurationInput>({
    name: initial?.name ?? '',
    description: initial?.description ?? '',
    criticalDays: initial?.criticalDays ?? 7,
    highDays: initial?.highDays ?? 30,
    mediumDays: initial?.mediumDays ?? 90,
    lowDays: initial?.lowDays ?? 120,
  });
  const save = useApiMutation(
    (b: SlaConfigurationInput) =>
      initial ? api.slaConfigurations.update(initial.id, b) : api.slaConfigurations.create(b),
    {
      invalidate: [queryKeys.slaConfigurations.all],
      onSuccess: onDone,
    },
  );
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
        />
        <TextInput
          label="Description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          error={save.fieldErrors.description}
        />
        <Group grow>
          {DAY_FIELDS.map(([key, label]) => (
            <NumberInput
              key={key}
              label={`${label} (days)`}
              value={form[key]}
              onChange={(v) => setForm({ ...form, [key]: typeof v === 'number' ? v : 0 })}
              error={save.fieldErrors[key]}
            />
          ))}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
