import { Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';

/** Searchable list of the server's scan types; a free-text field when the server has no listing yet. */
export function ScanTypeSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const api = useApi();
  const types = useQuery({
    queryKey: queryKeys.imports.scanTypes,
    queryFn: () => api.imports.scanTypes(),
    staleTime: 600_000,
  });
  if (types.isPending) return <Select label="Scan type" data={[]} disabled placeholder="Loading scan types…" />;
  if (types.error || types.data === null || types.data === undefined) {
    return (
      <TextInput
        label="Scan type"
        required
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        placeholder="e.g. Trivy Scan, SARIF, ZAP Scan"
        description="This server does not list scan types; type the scanner's name."
      />
    );
  }
  const names = [...new Set(types.data.map((t) => t.name))].sort((a, b) => a.localeCompare(b));
  return (
    <Select
      label="Scan type"
      required
      searchable
      data={names}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
      nothingFoundMessage="No such scan type"
      placeholder="Search scan types"
    />
  );
}
