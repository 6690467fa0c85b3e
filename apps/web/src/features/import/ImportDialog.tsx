import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ImportScanRequest } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { FileDropZone } from './FileDropZone';
import { ImportStats } from './ImportStats';
import { ScanTypeSelect } from './ScanTypeSelect';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const engagements = useQuery({ queryKey: ['engagements', 'options'], queryFn: () => api.engagements.list({ limit: 500 }) });
  const [scanType, setScanType] = useState('');
  const [engagementId, setEngagementId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [minimumSeverity, setMinimumSeverity] = useState('Info');
  const [active, setActive] = useState(true);
  const [verified, setVerified] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const run = useApiMutation((req: ImportScanRequest) => api.imports.importScan(req), { invalidate: [['findings'], ['dashboard'], ['products'], ['tests']] });

  const submit = () => {
    const m: Record<string, string> = {};
    if (!scanType.trim()) m.scanType = 'Choose a scan type';
    if (!engagementId) m.engagement = 'Choose an engagement';
    if (!file) m.file = 'Choose a report file';
    setMissing(m);
    if (Object.keys(m).length || !file) return;
    run.mutate({ scanType: scanType.trim(), engagementId, file, fileName: file.name, minimumSeverity, active, verified });
  };

  if (run.data) {
    return (
      <Stack>
        <ImportStats result={run.data} />
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }
  const fe = run.fieldErrors;
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())} noValidate>
      <Stack>
        <FormError message={run.formError} />
        <ScanTypeSelect value={scanType} onChange={setScanType} error={missing.scanType ?? fe.scan_type ?? fe.scanType} />
        <Select
          label="Engagement"
          required
          searchable
          data={(engagements.data?.items ?? []).map((e) => ({ value: String(e.id), label: `${e.name} (product #${e.productId})` }))}
          value={engagementId ? String(engagementId) : null}
          onChange={(v) => setEngagementId(v ? Number(v) : undefined)}
          error={missing.engagement ?? fe.engagement ?? fe.engagementId}
          nothingFoundMessage="No engagements; create one on a product's page"
        />
        <FileDropZone file={file} onFile={setFile} error={missing.file ?? fe.file} />
        <Group grow align="flex-end">
          <NativeSelect label="Minimum severity" value={minimumSeverity} onChange={(e) => setMinimumSeverity(e.currentTarget.value)} data={['Info', 'Low', 'Medium', 'High', 'Critical']} />
          <Checkbox label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Checkbox label="Verified" checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={run.isPending}>
            {run.isPending ? 'Importing…' : 'Import'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
