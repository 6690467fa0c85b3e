import { Button, Checkbox, Group, NativeSelect, Paper, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { SEVERITIES, type FindingSort } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FilterTextInput } from './FilterTextInput';
import { activeFilterCount, type FindingFilters } from './finding-filters';
import { TriStateSelect } from './TriStateSelect';
import { queryKeys } from '../../app/query-keys';

const SORT_OPTIONS: Array<{ value: FindingSort; label: string }> = [
  { value: '-id', label: 'Newest' },
  { value: 'id', label: 'Oldest' },
  { value: '-severity', label: 'Most severe' },
  { value: 'severity', label: 'Least severe' },
  { value: '-date', label: 'Date (newest)' },
  { value: 'title', label: 'Title A–Z' },
];

export function FindingsFilters({ value, onChange }: { value: FindingFilters; onChange: (f: FindingFilters) => void }) {
  const api = useApi();
  const products = useQuery({ queryKey: queryKeys.products.options, queryFn: () => api.products.list({ limit: 500 }) });
  const set = <K extends keyof FindingFilters>(key: K, v: FindingFilters[K]) => onChange({ ...value, [key]: v });
  const productOptions = (products.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }));
  return (
    <Paper withBorder p="sm" mb="sm" component="fieldset" aria-label="Filters" style={{ border: undefined }}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Checkbox.Group
          label="Severity"
          value={value.severity}
          onChange={(v) =>
            set(
              'severity',
              SEVERITIES.filter((s) => v.includes(s)),
            )
          }
          size="xs"
        >
          <Group gap={8} mt={6}>
            {SEVERITIES.map((s) => (
              <Checkbox key={s} value={s} label={s} size="xs" />
            ))}
          </Group>
        </Checkbox.Group>
        <TriStateSelect label="Active" value={value.active} onChange={(v) => set('active', v)} />
        <TriStateSelect label="Verified" value={value.verified} onChange={(v) => set('verified', v)} />
        <Select
          label="Product"
          size="xs"
          w={180}
          searchable
          clearable
          data={productOptions}
          value={value.productId ? String(value.productId) : null}
          onChange={(v) => set('productId', v ? Number(v) : undefined)}
          placeholder="Any product"
          nothingFoundMessage="No products"
        />
        <FilterTextInput
          label="CWE"
          width={80}
          value={value.cwe ? String(value.cwe) : undefined}
          onCommit={(v) => set('cwe', v && /^\d+$/.test(v) ? Number(v) : undefined)}
          placeholder="79"
        />
        <FilterTextInput
          label="CVE / vuln id"
          value={value.vulnerabilityId}
          onCommit={(v) => set('vulnerabilityId', v)}
          placeholder="CVE-2024-…"
        />
        <FilterTextInput label="Component" value={value.componentName} onCommit={(v) => set('componentName', v)} />
        <FilterTextInput label="Tag" width={110} value={value.tag} onCommit={(v) => set('tag', v)} />
        <FilterTextInput label="Title" value={value.title} onCommit={(v) => set('title', v)} />
        <NativeSelect
          label="SLA"
          size="xs"
          w={110}
          value={value.sla ?? ''}
          onChange={(e) => set('sla', (e.currentTarget.value || undefined) as FindingFilters['sla'])}
          data={[
            { value: '', label: 'Any' },
            { value: 'breached', label: 'Breached' },
            { value: 'soon', label: 'Due in 7 days' },
            { value: 'ok', label: 'Within SLA' },
          ]}
        />
        <NativeSelect
          label="Sort"
          size="xs"
          w={130}
          value={value.sort}
          onChange={(e) => set('sort', e.currentTarget.value as FindingSort)}
          data={SORT_OPTIONS}
        />
        {activeFilterCount(value) > 0 && (
          <Button size="xs" variant="subtle" onClick={() => onChange({ severity: [], sort: value.sort })}>
            Clear filters
          </Button>
        )}
      </Group>
    </Paper>
  );
}
