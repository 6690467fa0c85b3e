import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { SEVERITIES, type FindingDetail, type Severity } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Edits a finding's fields; validation messages from the API appear next to each field. */
export function FindingEditForm({ finding: f, onDone }: { finding: FindingDetail; onDone: () => void }) {
  const api = useApi();
  const members = useQuery({
    queryKey: queryKeys.products.members(f.productId),
    queryFn: () => api.products.members(f.productId),
  });
  const [v, setV] = useState({
    title: f.title,
    severity: f.severity as Severity,
    cwe: f.cwe ?? '',
    vulnerabilityIds: f.vulnerabilityIds.join(', '),
    componentName: f.componentName ?? '',
    componentVersion: f.componentVersion ?? '',
    filePath: f.filePath ?? '',
    line: f.line ?? '',
    description: f.description ?? '',
    mitigation: f.mitigation ?? '',
    impact: f.impact ?? '',
    references: f.references ?? '',
    tags: f.tags.join(', '),
    assigneeId: f.assigneeId ? String(f.assigneeId) : '',
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [k]: value }));
  const save = useApiMutation(
    () =>
      api.findings.update(f.id, {
        title: v.title,
        severity: v.severity,
        cwe: v.cwe === '' ? null : Number(v.cwe),
        vulnerabilityIds: list(v.vulnerabilityIds),
        componentName: v.componentName || null,
        componentVersion: v.componentVersion || null,
        filePath: v.filePath || null,
        line: v.line === '' ? null : Number(v.line),
        description: v.description,
        mitigation: v.mitigation,
        impact: v.impact,
        references: v.references,
        tags: list(v.tags),
        assigneeId: v.assigneeId ? Number(v.assigneeId) : null,
      }),
    { invalidate: [queryKeys.findings.all, queryKeys.dashboard.all], onSuccess: onDone },
  );
  const e = save.fieldErrors;
  const people = (members.data?.items ?? []).filter((m) => m.userId !== null);
  const assignees = [
    { value: '', label: 'Nobody' },
    ...people.map((m) => ({ value: String(m.userId), label: m.username ?? `user #${m.userId}` })),
  ];
  if (f.assigneeId && !people.some((m) => m.userId === f.assigneeId))
    assignees.push({ value: String(f.assigneeId), label: `user #${f.assigneeId}` });
  return (
    <form onSubmit={(ev) => (ev.preventDefault(), save.mutate(undefined))} aria-label="Edit finding">
      <Stack gap="sm">
        <FormError message={Object.keys(e).length ? null : save.formError} />
        <TextInput
          label="Title"
          required
          value={v.title}
          onChange={(ev) => set('title', ev.currentTarget.value)}
          error={e.title}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label="Severity"
            value={v.severity}
            onChange={(ev) => set('severity', ev.currentTarget.value as Severity)}
            data={[...SEVERITIES]}
            error={e.severity}
          />
          <NumberInput
            label="CWE"
            min={1}
            value={v.cwe}
            onChange={(n) => set('cwe', n === '' ? '' : Number(n))}
            error={e.cwe}
          />
          <NativeSelect
            label="Assignee"
            value={v.assigneeId}
            onChange={(ev) => set('assigneeId', ev.currentTarget.value)}
            data={assignees}
            error={e.assigneeId}
          />
        </SimpleGrid>
        <TextInput
          label="Vulnerability ids"
          description="Comma-separated (CVE, GHSA, …)"
          value={v.vulnerabilityIds}
          onChange={(ev) => set('vulnerabilityIds', ev.currentTarget.value)}
          error={e.vulnerabilityIds}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Component"
            value={v.componentName}
            onChange={(ev) => set('componentName', ev.currentTarget.value)}
            error={e.componentName}
          />
          <TextInput
            label="Component version"
            value={v.componentVersion}
            onChange={(ev) => set('componentVersion', ev.currentTarget.value)}
            error={e.componentVersion}
          />
          <TextInput
            label="File path"
            value={v.filePath}
            onChange={(ev) => set('filePath', ev.currentTarget.value)}
            error={e.filePath}
          />
          <NumberInput
            label="Line"
            min={0}
            value={v.line}
            onChange={(n) => set('line', n === '' ? '' : Number(n))}
            error={e.line}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={3}
          maxRows={12}
          value={v.description}
          onChange={(ev) => set('description', ev.currentTarget.value)}
          error={e.description}
        />
        <Textarea
          label="Mitigation"
          autosize
          minRows={2}
          maxRows={8}
          value={v.mitigation}
          onChange={(ev) => set('mitigation', ev.currentTarget.value)}
          error={e.mitigation}
        />
        <Textarea
          label="Impact"
          autosize
          minRows={2}
          maxRows={8}
          value={v.impact}
          onChange={(ev) => set('impact', ev.currentTarget.value)}
          error={e.impact}
        />
        <Textarea
          label="References"
          autosize
          minRows={2}
          maxRows={8}
          value={v.references}
          onChange={(ev) => set('references', ev.currentTarget.value)}
          error={e.references}
        />
        <TextInput
          label="Tags"
          description="Comma-separated"
          value={v.tags}
          onChange={(ev) => set('tags', ev.currentTarget.value)}
          error={e.tags}
        />
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
