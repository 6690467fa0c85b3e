import { useState } from 'react';
import { Button, Group, Select, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  BUSINESS_CRITICALITIES,
  LIFECYCLES,
  PLATFORMS,
  type BusinessCriticality,
  type Lifecycle,
  type Platform,
  type Product,
  type ProductInput,
} from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

export function ProductForm({
  initial,
  defaultProductTypeId,
  onDone,
}: {
  initial?: Product;
  defaultProductTypeId?: number;
  onDone: () => void;
}) {
  const api = useApi();
  const types = useQuery({
    queryKey: queryKeys.productTypes.options,
    queryFn: () => api.productTypes.list({ limit: 500 }),
  });
  const [form, setForm] = useState<ProductInput>({
    name: initial?.name ?? '',
    productTypeId: initial?.productTypeId ?? defaultProductTypeId ?? 0,
    description: initial?.description ?? '',
    businessCriticality: initial?.businessCriticality ?? null,
    platform: initial?.platform ?? null,
    lifecycle: initial?.lifecycle ?? null,
    tags: initial?.tags ?? [],
  });
  const save = useApiMutation(
    (body: ProductInput) => (initial ? api.products.update(initial.id, body) : api.products.create(body)),
    {
      invalidate: [queryKeys.products.all, queryKeys.dashboard.all],
      onSuccess: onDone,
    },
  );
  const typeOptions = (types.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name }));
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
        <Select
          label="Product type"
          required
          searchable
          data={typeOptions}
          value={form.productTypeId ? String(form.productTypeId) : null}
          onChange={(v) => setForm({ ...form, productTypeId: v ? Number(v) : 0 })}
          error={save.fieldErrors.productTypeId ?? (types.error ? 'Could not load product types' : undefined)}
          nothingFoundMessage="No product types"
        />
        <Textarea
          label="Description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          error={save.fieldErrors.description}
          autosize
          minRows={2}
        />
        <Group grow>
          <Select
            label="Business criticality"
            data={[...BUSINESS_CRITICALITIES]}
            value={form.businessCriticality ?? null}
            onChange={(v) => setForm({ ...form, businessCriticality: v as BusinessCriticality | null })}
            clearable
            error={save.fieldErrors.businessCriticality}
          />
          <Select
            label="Platform"
            data={[...PLATFORMS]}
            value={form.platform ?? null}
            onChange={(v) => setForm({ ...form, platform: v as Platform | null })}
            clearable
            error={save.fieldErrors.platform}
          />
        </Group>
        <Select
          label="Lifecycle"
          data={[...LIFECYCLES]}
          value={form.lifecycle ?? null}
          onChange={(v) => setForm({ ...form, lifecycle: v as Lifecycle | null })}
          clearable
          error={save.fieldErrors.lifecycle}
        />
        <TagsInput
          label="Tags"
          value={form.tags}
          onChange={(tags) => setForm({ ...form, tags })}
          error={save.fieldErrors.tags}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {initial ? 'Save' : 'Create product'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
