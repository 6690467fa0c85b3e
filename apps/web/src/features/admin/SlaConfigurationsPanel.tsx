import { Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SlaConfiguration } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { CrudPanel } from '../../components/CrudPanel';
import { SlaConfigurationForm } from './SlaConfigurationForm';
import { queryKeys } from '../../app/query-keys';

/** Administration → SLA: the configurations and their days per severity; create and edit. */
export function SlaConfigurationsPanel() {
  const api = useApi();
  const configs = useQuery({ queryKey: queryKeys.slaConfigurations.all, queryFn: () => api.slaConfigurations.list() });
  return (
    <CrudPanel<SlaConfiguration>
      query={configs}
      label="SLA configurations"
      empty={<EmptyState title="No SLA configurations" />}
      newLabel="New SLA configuration"
      formTitle={(c) => (c ? 'Edit SLA configuration' : 'New SLA configuration')}
      form={(c, done) => <SlaConfigurationForm initial={c} onDone={done} />}
      columns={[
        { header: 'Name', cell: (c) => c.name },
        { header: 'Critical', align: 'right', cell: (c) => `${c.criticalDays}d` },
        { header: 'High', align: 'right', cell: (c) => `${c.highDays}d` },
        { header: 'Medium', align: 'right', cell: (c) => `${c.mediumDays}d` },
        { header: 'Low', align: 'right', cell: (c) => `${c.lowDays}d` },
      ]}
      actions={(c, edit) => (
        <Button size="xs" variant="subtle" onClick={() => edit(c)} aria-label={`Edit ${c.name}`}>
          Edit
        </Button>
      )}
    />
  );
}
