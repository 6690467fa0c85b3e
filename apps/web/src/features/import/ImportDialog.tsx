import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Progress, Select, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { SEVERITIES, type ImportScanRequest, type Severity } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { FileDropZone } from './FileDropZone';
import { ImportStats } from './ImportStats';
import { ScanTypeSelect } from './ScanTypeSelect';
import { useImportProgress } from './use-import-progress';
import { queryKeys } from '../../app/query-keys';

/** What an import changes: refreshed when it is queued and again when it is done. */
const IMPORT_CHANGES = [queryKeys.findings.all, queryKeys.dashboard.all, queryKeys.products.all, queryKeys.tests.all];

/** Reports above this size run on a worker, with live progress; smaller ones import at once. */
export const ASYNC_IMPORT_BYTES = 512 * 1024;

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const engagements = useQuery({
    queryKey: queryKeys.engagements.options,
    queryFn: () => api.engagements.list({ limit: 500 }),
  });
  const [scanType, setScanType] = useState('');
  const [engagementId, setEngagementId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [minimumSeverity, setMinimumSeverity] = useState<Severity>('Info');
  const [active, setActive] = useState(true);
  const [verified, setVerified] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const run = useApiMutation((req: ImportScanRequest) => api.imports.importScan(req), { invalidate: IMPORT_CHANGES });
  const queue = useApiMutation((req: ImportScanRequest) => api.imports.importScanAsync(req));
  const progress = useImportProgress(queue.data?.id ?? null);
  const queryClient = useQueryClient();
  const finished = progress.status?.state === 'done' ? progress.status.result : null;
  useEffect(() => {
    if (finished) for (const queryKey of IMPORT_CHANGES) void queryClient.invalidateQueries({ queryKey });
  }, [finished, queryClient]);

  const submit = () => {
    const m: Record<string, string> = {};
    if (!scanType.trim()) m.scanType = 'Choose a scan type';
    if (!engagementId) m.engagement = 'Choose an engagement';
    if (!file) m.file = 'Choose a report file';
    setMissing(m);
    if (Object.keys(m).length || !file) return;
    const req = {
      scanType: scanType.trim(),
      engagementId,
      file,
      fileName: file.name,
      minimumSeverity,
      active,
      verified,
    };
    if (file.size > ASYNC_IMPORT_BYTES) queue.mutate(req);
    else run.mutate(req);
  };

  const result = run.data ?? finished;
  if (result) {
    return (
      <Stack>
        <ImportStats result={result} />
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }
  if (queue.data) {
    const failed = progress.status?.state === 'failed';
    return (
      <Stack>
        <Text fw={600}>
          {queue.data.filename ?? 'Report'}: {progress.label}
        </Text>
        <Progress
          value={progress.percent}
          color={failed ? 'red' : undefined}
          animated={!failed}
          aria-label={`Import progress ${progress.percent}%`}
        />
        <Group justify="flex-end">
          <Button variant={failed ? 'filled' : 'default'} onClick={onClose}>
            {failed ? 'Close' : 'Continue in the background'}
          </Button>
        </Group>
      </Stack>
    );
  }
  const fe = { ...queue.fieldErrors, ...run.fieldErrors };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())} noValidate>
      <Stack>
        <FormError message={run.formError ?? queue.formError} />
        <ScanTypeSelect
          value={scanType}
          onChange={setScanType}
          error={missing.scanType ?? fe.scan_type ?? fe.scanType}
        />
        <Select
          label="Engagement"
          required
          searchable
          data={(engagements.data?.items ?? []).map((e) => ({
            value: String(e.id),
            label: `${e.name} (product #${e.productId})`,
          }))}
          value={engagementId ? String(engagementId) : null}
          onChange={(v) => setEngagementId(v ? Number(v) : undefined)}
          error={missing.engagement ?? fe.engagement ?? fe.engagementId}
          nothingFoundMessage="No engagements; create one on a product's page"
        />
        <FileDropZone file={file} onFile={setFile} error={missing.file ?? fe.file} />
        <Group grow align="flex-end">
          <NativeSelect
            label="Minimum severity"
            value={minimumSeverity}
            onChange={(e) => setMinimumSeverity(e.currentTarget.value as Severity)}
            data={[...SEVERITIES].reverse()}
          />
          <Checkbox label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Checkbox label="Verified" checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={run.isPending || queue.isPending}>
            {run.isPending || queue.isPending ? 'Importing…' : 'Import'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
