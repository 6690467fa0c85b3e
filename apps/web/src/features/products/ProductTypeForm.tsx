import { useState } from 'react';
import { Button, Checkbox, Group, Stack, TextInput, Textarea } from '@mantine/core';
import type { ProductType, ProductTypeInput } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function ProductTypeForm({ initial, onDone }: { initial?: ProductType; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<ProductTypeInput>({
    name: initial?.name ?? '',
    description: initial?.description ?? '',
    criticalProduct: initial?.criticalProduct ?? false,
    keyProduct: initial?.keyProduct ?? false,
  });
  const save = useApiMutation(
    (body: ProductTypeInput) => (initial ? api.productTypes.update(initial.id, body) : api.productTypes.create(body)),
    {
      invalidate: [queryKeys.productTypes.all],
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
          data-autofocus
        />
        <Textarea
          label="Description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          error={save.fieldErrors.description}
          autosize
          minRows={2}
        />
        <Checkbox
          label="Critical product"
          checked={form.criticalProduct}
          onChange={(e) => setForm({ ...form, criticalProduct: e.currentTarget.checked })}
        />
        <Checkbox
          label="Key product"
          checked={form.keyProduct}
          onChange={(e) => setForm({ ...form, keyProduct: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {initial ? 'Save' : 'Create product type'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
