import { useState } from 'react';
import { Alert, Button, Code, Group, PasswordInput, Stack, TagsInput, TextInput } from '@mantine/core';
import type { JiraInstance, CreateJiraInstanceRequest } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/**
 * Creates or edits a Jira instance. The token field is write-only: it is never shown, and left
 * empty on edit it keeps the stored token. The webhook URL is shown once, after creation.
 */
export function JiraInstanceForm({ initial, onDone }: { initial?: JiraInstance; onDone: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<CreateJiraInstanceRequest>({
    name: initial?.name ?? '',
    url: initial?.url ?? '',
    username: initial?.username ?? '',
    token: '',
    falsePositiveResolutions: initial?.falsePositiveResolutions ?? ['False Positive'],
    riskAcceptedResolutions: initial?.riskAcceptedResolutions ?? ["Won't Fix", 'Risk Accepted'],
  });
  const [webhookPath, setWebhookPath] = useState<string | null>(null);
  const save = useApiMutation(
    async (b: CreateJiraInstanceRequest) => {
      if (!initial) return api.jira.createInstance(b);
      const { token, ...rest } = b;
      return api.jira.updateInstance(initial.id, token ? b : rest);
    },
    {
      invalidate: [queryKeys.jira.instances],
      onSuccess: (r) =>
        'webhookPath' in r && typeof r.webhookPath === 'string' ? setWebhookPath(r.webhookPath) : onDone(),
    },
  );
  if (webhookPath) return <WebhookUrl path={webhookPath} onDone={onDone} />;
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
        />
        <TextInput
          label="Jira URL"
          placeholder="https://example.atlassian.net"
          required
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
          error={save.fieldErrors.url}
        />
        <TextInput
          label="User"
          description="The account Vigil acts as (Cloud: its e-mail)"
          required
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
          error={save.fieldErrors.username}
        />
        <PasswordInput
          label="API token"
          description={initial ? 'Leave empty to keep the stored token' : 'Stored encrypted; never shown again'}
          required={!initial}
          value={form.token}
          onChange={(e) => setForm({ ...form, token: e.currentTarget.value })}
          error={save.fieldErrors.token}
          autoComplete="new-password"
        />
        <TagsInput
          label="Resolutions meaning “false positive”"
          value={form.falsePositiveResolutions}
          onChange={(v) => setForm({ ...form, falsePositiveResolutions: v })}
          error={save.fieldErrors.falsePositiveResolutions}
        />
        <TagsInput
          label="Resolutions meaning “risk accepted”"
          value={form.riskAcceptedResolutions}
          onChange={(v) => setForm({ ...form, riskAcceptedResolutions: v })}
          error={save.fieldErrors.riskAcceptedResolutions}
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

/** The webhook URL to paste into Jira; its secret is shown only now. */
export function WebhookUrl({ path, onDone }: { path: string; onDone: () => void }) {
  const url = `${window.location.origin}${path}`;
  return (
    <Stack>
      <Alert color="yellow" title="Copy the webhook URL now">
        In Jira (System → WebHooks), create a webhook for “issue updated” and “comment created” events pointing at this
        URL. It is shown only once; rotate it to get a new one.
      </Alert>
      <Code block data-testid="webhook-url">
        {url}
      </Code>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
