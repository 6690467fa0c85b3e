import { useState } from 'react';
import { Button, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { CHANNEL_KINDS, SYSLOG_PROTOCOLS, type ChannelKind, type CreateChannelRequest } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/** A label per kind: Record keeps it complete when the contract adds a kind. */
const KIND_LABELS: Record<ChannelKind, string> = {
  slack: 'Slack incoming webhook',
  msteams: 'Microsoft Teams incoming webhook',
  mattermost: 'Mattermost incoming webhook',
  telegram: 'Telegram bot',
  webhook: 'Generic webhook (HMAC-signed)',
  syslog: 'SIEM: syslog (RFC 5424, CEF)',
};
const KINDS = CHANNEL_KINDS.map((value) => ({ value, label: KIND_LABELS[value] }));

/** A new shared channel. Credentials are sent once and never shown again. */
export function ChannelForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [v, setV] = useState<CreateChannelRequest>({ name: '', kind: 'slack', maxFailures: 5 });
  const create = useApiMutation((body: CreateChannelRequest) => api.notifications.createChannel(body), {
    invalidate: [queryKeys.notifications.channels],
    onSuccess: onDone,
  });
  const set = (patch: Partial<CreateChannelRequest>) => setV((x) => ({ ...x, ...patch }));
  const e = create.fieldErrors;
  const usesUrl = ['slack', 'msteams', 'mattermost', 'webhook'].includes(v.kind);
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        create.mutate(v);
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={v.name}
          onChange={(ev) => set({ name: ev.currentTarget.value })}
          error={e.name}
        />
        <Select
          label="Kind"
          data={KINDS}
          value={v.kind}
          onChange={(k) => k && set({ kind: k as ChannelKind })}
          allowDeselect={false}
        />
        {usesUrl && (
          <PasswordInput
            label="Webhook URL"
            required
            value={v.url ?? ''}
            onChange={(ev) => set({ url: ev.currentTarget.value })}
            error={e.url}
            description="Stored encrypted; only its host and last characters are shown later."
          />
        )}
        {v.kind === 'webhook' && (
          <PasswordInput
            label="Signing secret"
            value={v.hmacSecret ?? ''}
            onChange={(ev) => set({ hmacSecret: ev.currentTarget.value || undefined })}
            error={e.hmacSecret}
            description="HMAC-SHA256 over `timestamp.body`, sent in X-Vigil-Signature."
          />
        )}
        {v.kind === 'telegram' && (
          <>
            <PasswordInput
              label="Bot token"
              required
              value={v.botToken ?? ''}
              onChange={(ev) => set({ botToken: ev.currentTarget.value })}
              error={e.botToken}
            />
            <TextInput
              label="Chat id"
              required
              value={v.chatId ?? ''}
              onChange={(ev) => set({ chatId: ev.currentTarget.value })}
              error={e.chatId}
            />
          </>
        )}
        {v.kind === 'syslog' && (
          <>
            <TextInput
              label="Collector host"
              required
              value={v.host ?? ''}
              onChange={(ev) => set({ host: ev.currentTarget.value })}
              error={e.host}
            />
            <Group grow>
              <NumberInput
                label="Port"
                required
                min={1}
                max={65535}
                value={v.port ?? ''}
                onChange={(n) => set({ port: typeof n === 'number' ? n : undefined })}
                error={e.port}
              />
              <Select
                label="Transport"
                data={[...SYSLOG_PROTOCOLS]}
                value={v.protocol ?? 'tcp'}
                onChange={(p) => set({ protocol: (p ?? 'tcp') as CreateChannelRequest['protocol'] })}
                allowDeselect={false}
              />
            </Group>
          </>
        )}
        <NumberInput
          label="Deactivate after consecutive failures"
          min={1}
          max={1000}
          value={v.maxFailures ?? 5}
          onChange={(n) => set({ maxFailures: typeof n === 'number' ? n : 5 })}
          error={e.maxFailures}
        />
        <Text c="red" size="sm" role={create.formError ? 'alert' : undefined}>
          {create.formError}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
