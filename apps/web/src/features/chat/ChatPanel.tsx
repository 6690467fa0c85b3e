import { useEffect, useState } from 'react';
import { Button, Card, Group, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { isApiError } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useMe } from '../../app/use-me';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { ChatMessageItem } from './ChatMessageItem';
import { useRealtime } from '../../realtime/realtime-context';
import { useChatMessages } from './use-chat-messages';

/**
 * The chat of a team channel (`team:<id>`) or a finding thread (`finding:<id>`): history with
 * "load older", live messages, typing indicator, markdown composer, read marker.
 */
export function ChatPanel({ channel, title = 'Chat' }: { channel: string; title?: string }) {
  const api = useApi();
  const me = useMe();
  const realtime = useRealtime();
  const { history, messages, first, typing, upsert } = useChatMessages(channel);
  const [draft, setDraft] = useState('');
  const post = useApiMutation((body: string) => api.chat.post(channel, body), {
    onSuccess: (m) => (upsert(m), setDraft('')),
  });
  const edit = useApiMutation(({ id, body }: { id: number; body: string }) => api.chat.edit(id, body), {
    onSuccess: upsert,
  });
  const remove = useApiMutation((id: number) => api.chat.delete(id));
  const react = useApiMutation(
    ({ id, emoji, on }: { id: number; emoji: string; on: boolean }) => api.chat.react(id, emoji, on),
    { onSuccess: upsert },
  );
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    if (lastId) void api.chat.markRead(channel, lastId).catch(() => undefined);
  }, [api, channel, lastId]);
  const canPost = first?.canPost ?? false;
  const error = post.formError ?? edit.formError ?? remove.formError ?? react.formError;
  const forbidden = isApiError(history.error) && (history.error.status === 404 || history.error.status === 403);

  return (
    <Card withBorder aria-label={title}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {forbidden ? (
        <Text c="dimmed">You cannot read this conversation.</Text>
      ) : (
        <QueryState
          query={{
            isPending: history.isPending,
            error: history.error,
            data: history.data ? messages : undefined,
            refetch: history.refetch,
          }}
          label="Loading messages"
        >
          {(list) => (
            <Stack gap="xs">
              {history.hasNextPage && (
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => void history.fetchNextPage()}
                  loading={history.isFetchingNextPage}
                >
                  Load older messages
                </Button>
              )}
              <ScrollArea.Autosize mah={420}>
                {list.length === 0 ? (
                  <EmptyState title="No messages yet">
                    {canPost ? 'Start the conversation below.' : 'Nothing has been said here.'}
                  </EmptyState>
                ) : (
                  <Stack gap={6} role="list" aria-label="Messages">
                    {list.map((m) => (
                      <ChatMessageItem
                        key={m.id}
                        message={m}
                        meId={me.data?.id}
                        canPost={canPost}
                        actions={{
                          onEdit: (id, body) => edit.mutateAsync({ id, body }),
                          onDelete: (id) => remove.mutate(id),
                          onReact: (id, emoji, on) => react.mutate({ id, emoji, on }),
                        }}
                      />
                    ))}
                  </Stack>
                )}
              </ScrollArea.Autosize>
              <Text size="xs" c="dimmed" aria-live="polite" mih={16}>
                {typing ? `${typing} is typing…` : ''}
              </Text>
              {canPost ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (draft.trim()) post.mutate(draft);
                  }}
                >
                  <Textarea
                    value={draft}
                    onChange={(e) => {
                      setDraft(e.currentTarget.value);
                      realtime.typing(channel);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.shiftKey) {
                        e.preventDefault();
                        if (draft.trim()) post.mutate(draft);
                      }
                    }}
                    placeholder={
                      'Write a message (markdown: **bold**, *emphasis*, `code`, [link](https://…); ' +
                      '@name to mention)'
                    }
                    aria-label="Message"
                    autosize
                    minRows={2}
                    maxLength={10000}
                  />
                  <Group justify="space-between" mt={4}>
                    <Text c="red" size="sm" role={error ? 'alert' : undefined}>
                      {error}
                    </Text>
                    <Button type="submit" size="xs" loading={post.isPending} disabled={!draft.trim()}>
                      Send
                    </Button>
                  </Group>
                </form>
              ) : (
                <Text size="sm" c="dimmed">
                  You can read this conversation but not post in it.
                </Text>
              )}
            </Stack>
          )}
        </QueryState>
      )}
    </Card>
  );
}
