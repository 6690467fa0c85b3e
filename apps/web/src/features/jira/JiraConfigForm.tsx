import { useState } from 'react';
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { SEVERITIES, type JiraConfig, type JiraConfigRequest, type ProductJira, type Severity } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/** A product's (or one engagement's) Jira configuration. */
export function JiraConfigForm({
  productId,
  instances,
  engagements,
  initial,
  onDone,
}: {
  productId: number;
  instances: ProductJira['instances'];
  engagements: Array<{ id: number; name: string }>;
  initial?: JiraConfig;
  onDone: () => void;
}) {
  const api = useApi();
  const [form, setForm] = useState<JiraConfigRequest>({
    engagementId: initial?.engagementId ?? null,
    instanceId: initial?.instanceId ?? instances[0]?.id ?? 0,
    projectKey: initial?.projectKey ?? '',
    issueType: initial?.issueType ?? 'Bug',
    priorityMap: initial?.priorityMap ?? {
      Critical: 'Highest',
      High: 'High',
      Medium: 'Medium',
      Low: 'Low',
      Info: 'Lowest',
    },
    closeTransition: initial?.closeTransition ?? 'Done',
    reopenTransition: initial?.reopenTransition ?? 'To Do',
    labels: initial?.labels ?? [],
    component: initial?.component ?? null,
    pushMinSeverity: initial?.pushMinSeverity ?? null,
    engagementEpic: initial?.engagementEpic ?? false,
    pushNotes: initial?.pushNotes ?? true,
  });
  const save = useApiMutation((b: JiraConfigRequest) => api.jira.saveProductConfig(productId, b), {
    invalidate: [queryKeys.jira.productConfig(productId)],
    onSuccess: onDone,
  });
  const set = (patch: Partial<JiraConfigRequest>) => setForm({ ...form, ...patch });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save.mutate(form))} noValidate>
      <Stack>
        <FormError message={save.formError} />
        <Select
          label="Applies to"
          data={[
            { value: '', label: 'The whole product' },
            ...engagements.map((e) => ({ value: String(e.id), label: `Engagement: ${e.name}` })),
          ]}
          value={form.engagementId ? String(form.engagementId) : ''}
          onChange={(v) => set({ engagementId: v ? Number(v) : null })}
          disabled={!!initial}
        />
        <Select
          label="Jira instance"
          required
          data={instances.map((i) => ({ value: String(i.id), label: `${i.name} (${i.url})` }))}
          value={form.instanceId ? String(form.instanceId) : null}
          onChange={(v) => set({ instanceId: Number(v) })}
          error={save.fieldErrors.instanceId}
        />
        <Group grow>
          <TextInput
            label="Project key"
            placeholder="SEC"
            required
            value={form.projectKey}
            onChange={(e) => set({ projectKey: e.currentTarget.value.toUpperCase() })}
            error={save.fieldErrors.projectKey}
          />
          <TextInput
            label="Issue type"
            value={form.issueType}
            onChange={(e) => set({ issueType: e.currentTarget.value })}
            error={save.fieldErrors.issueType}
          />
          <TextInput
            label="Component"
            value={form.component ?? ''}
            onChange={(e) => set({ component: e.currentTarget.value || null })}
            error={save.fieldErrors.component}
          />
        </Group>
        <SimpleGrid cols={5} aria-label="Priority per severity">
          {SEVERITIES.map((s) => (
            <TextInput
              key={s}
              label={`${s} →`}
              value={form.priorityMap?.[s] ?? ''}
              onChange={(e) => set({ priorityMap: { ...form.priorityMap, [s]: e.currentTarget.value || undefined } })}
            />
          ))}
        </SimpleGrid>
        <Group grow>
          <TextInput
            label="Close transition"
            value={form.closeTransition}
            onChange={(e) => set({ closeTransition: e.currentTarget.value })}
            error={save.fieldErrors.closeTransition}
          />
          <TextInput
            label="Reopen transition"
            value={form.reopenTransition}
            onChange={(e) => set({ reopenTransition: e.currentTarget.value })}
            error={save.fieldErrors.reopenTransition}
          />
        </Group>
        <TagsInput
          label="Labels"
          value={form.labels}
          onChange={(v) => set({ labels: v })}
          error={save.fieldErrors.labels}
        />
        <Select
          label="Push automatically at or above"
          data={[{ value: '', label: 'Never (push by hand)' }, ...SEVERITIES.map((s) => ({ value: s, label: s }))]}
          value={form.pushMinSeverity ?? ''}
          onChange={(v) => set({ pushMinSeverity: (v || null) as Severity | null })}
        />
        <Checkbox
          label="Create an epic per engagement and put its issues in it"
          checked={form.engagementEpic}
          onChange={(e) => set({ engagementEpic: e.currentTarget.checked })}
        />
        <Checkbox
          label="Post public notes as Jira comments"
          checked={form.pushNotes}
          onChange={(e) => set({ pushNotes: e.currentTarget.checked })}
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
