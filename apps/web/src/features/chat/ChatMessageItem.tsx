import { useState } from 'react';
import { ActionIcon, Button, Group, Paper, Text, Textarea } from '@mantine/core';
import type { ChatMessage } from '@vigil/client';

const REACTIONS = ['👍', '🎉', '👀'];

export interface ChatMessageActions {
  onEdit: (id: number, body: string) => Promise<unknown>;
  onDelete: (id: number) => void;
  onReact: (id: number, emoji: string, on: boolean) => void;
}

/** One message: author, time, safe HTML from the server, reactions; edit/delete for its author. */
export function ChatMessageItem({
  message,
  meId,
  canPost,
  actions,
}: {
  message: ChatMessage;
  meId: number | undefined;
  canPost: boolean;
  actions: ChatMessageActions;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const mine = message.author?.id === meId;
  if (message.deleted) {
    return (
      <Text size="sm" c="dimmed" fs="italic" role="listitem">
        Message deleted
      </Text>
    );
  }
  return (
    <Paper
      p="xs"
      withBorder
      role="listitem"
      aria-label={`Message from ${message.author?.username ?? 'a removed user'}`}
    >
      <Group gap="xs" mb={2}>
        <Text fw={600} size="sm">
          {message.author?.username ?? 'removed user'}
        </Text>
        <Text size="xs" c="dimmed">
          {new Date(message.createdAt).toLocaleString()}
          {message.editedAt ? ' (edited)' : ''}
        </Text>
      </Group>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void actions.onEdit(message.id, draft).then(() => setEditing(false));
          }}
        >
          <Textarea
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            aria-label="Edit message"
            autosize
            minRows={1}
          />
          <Group gap="xs" mt={4}>
            <Button size="xs" type="submit">
              Save
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      ) : (
        // The server renders markdown after escaping everything, so this HTML holds only its own tags.
        <Text
          size="sm"
          component="div"
          style={{ wordBreak: 'break-word' }}
          dangerouslySetInnerHTML={{ __html: message.html }}
        />
      )}
      <Group gap={4} mt={4}>
        {REACTIONS.map((emoji) => {
          const r = message.reactions.find((x) => x.emoji === emoji);
          const on = !!meId && !!r?.userIds.includes(meId);
          if (!r && !canPost) return null;
          return (
            <Button
              key={emoji}
              size="compact-xs"
              variant={on ? 'light' : 'subtle'}
              disabled={!canPost}
              onClick={() => actions.onReact(message.id, emoji, !on)}
              aria-pressed={on}
              aria-label={`React ${emoji}${r ? ` (${r.count})` : ''}`}
            >
              {emoji} {r ? r.count : ''}
            </Button>
          );
        })}
        {mine && !editing && (
          <>
            <ActionIcon size="sm" variant="subtle" onClick={() => setEditing(true)} aria-label="Edit message">
              ✎
            </ActionIcon>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              onClick={() => actions.onDelete(message.id)}
              aria-label="Delete message"
            >
              ✕
            </ActionIcon>
          </>
        )}
      </Group>
    </Paper>
  );
}
