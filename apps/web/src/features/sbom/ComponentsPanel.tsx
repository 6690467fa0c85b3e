import { useDeferredValue, useState } from 'react';
import { Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { SearchInput } from '../../components/SearchInput';
import { ComponentsTable } from './ComponentsTable';
import { SbomUploadButton } from './SbomUploadButton';

/** The Components tab of an engagement: its SBOM inventory, searchable, and the SBOM upload for writers. */
export function ComponentsPanel({ engagementId, canImport }: { engagementId: number; canImport: boolean }) {
  const api = useApi();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const components = useQuery({
    queryKey: [...queryKeys.sbom.components(engagementId), q],
    queryFn: () => api.sbom.components(engagementId, { q: q || undefined, limit: 200 }),
  });
  return (
    <>
      <Group justify="space-between" align="flex-start" mb="sm">
        <SearchInput value={search} onChange={setSearch} label="Search components" />
        {canImport && <SbomUploadButton engagementId={engagementId} />}
      </Group>
      <QueryState
        query={components}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState title={q ? 'No component matches' : 'No inventory yet'}>
            {q ? 'Try another name or package URL.' : 'Upload a CycloneDX or SPDX SBOM of this version.'}
          </EmptyState>
        }
        label="Loading components"
      >
        {(d) => <ComponentsTable components={d.items} />}
      </QueryState>
    </>
  );
}
