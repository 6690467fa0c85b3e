import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, MultiSelect, SimpleGrid, TextInput } from '@mantine/core';
import { ADVISORY_RATINGS } from '@vigil/client';
import { EMPTY_SEARCH, isRating, type AdvisorySearch } from './advisory-search';

/** The advisory search: the fields of GET /api/v1/advisories; Search applies them, Clear empties them. */
export function AdvisorySearchForm({
  initial,
  onSearch,
}: {
  initial: AdvisorySearch;
  onSearch: (search: AdvisorySearch) => void;
}) {
  const [form, setForm] = useState<AdvisorySearch>(initial);
  const set =
    <K extends keyof AdvisorySearch>(key: K) =>
    (value: AdvisorySearch[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'id' | 'ecosystem' | 'package' | 'purl' | 'cwe' | 'publishedFrom' | 'publishedTo') => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(form);
  };
  const packageWithoutEcosystem = form.package.trim() !== '' && form.ecosystem.trim() === '';
  return (
    <form onSubmit={submit} aria-label="Search advisories">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput label="Id or alias" placeholder="GHSA-…, CVE-…" {...text('id')} />
        <TextInput label="Ecosystem" placeholder="npm, PyPI, Maven, Debian" {...text('ecosystem')} />
        <TextInput
          label="Package"
          placeholder="lodash"
          error={packageWithoutEcosystem ? 'Give the ecosystem too' : undefined}
          {...text('package')}
        />
        <TextInput label="Package URL" placeholder="pkg:npm/lodash@4.17.20" {...text('purl')} />
        <TextInput label="CWE" placeholder="CWE-79" {...text('cwe')} />
        <MultiSelect
          label="Rating"
          data={[...ADVISORY_RATINGS]}
          value={form.severity}
          onChange={(v) => set('severity')(v.filter(isRating))}
          clearable
        />
        <TextInput label="Published from" type="date" {...text('publishedFrom')} />
        <TextInput label="Published to" type="date" {...text('publishedTo')} />
      </SimpleGrid>
      <Group mt="sm" justify="space-between">
        <Checkbox
          label="Include withdrawn"
          checked={form.includeWithdrawn}
          onChange={(e) => set('includeWithdrawn')(e.currentTarget.checked)}
        />
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => {
              setForm(EMPTY_SEARCH);
              onSearch(EMPTY_SEARCH);
            }}
          >
            Clear
          </Button>
          <Button type="submit" disabled={packageWithoutEcosystem}>
            Search
          </Button>
        </Group>
      </Group>
    </form>
  );
}
