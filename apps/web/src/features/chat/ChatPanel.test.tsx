import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type ChatMessage, type VigilClient } from '@vigil/client';
import type { RealtimeEvent } from '@vigil/client/realtime-client.ts';
import { renderWithApp } from '../../test/render';
import { ChatPanel } from './ChatPanel';
import { RealtimeContext, type RealtimeLike } from '../../realtime/realtime-context';

const msg = (id: number, body: string, author = { id: 2, username: 'bob' }): ChatMessage => ({
  id,
  channel: 'team:1',
  teamId: 1,
  findingId: null,
  author,
  body,
  html: body.replace(/\*\*(.+)\*\*/, '<strong>$1</strong>'),
  mentions: [],
  reactions: [],
  createdAt: '2026-11-29T10:00:00.000Z',
  editedAt: null,
  deleted: false,
});

function fakeRealtime() {
  const listeners = new Map<string, Set<(v: unknown) => void>>();
  const rt = {
    on: (name: string, fn: (v: unknown) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(fn);
      return () => listeners.get(name)!.delete(fn);
    },
    typing: vi.fn(),
    subscribeFinding: vi.fn().mockResolvedValue(true),
    unsubscribeFinding: vi.fn(),
  };
  const emit = (name: string, v: unknown) =>
    act(() =>
      listeners.get(name)?.forEach((fn) => {
        fn(v);
      }),
    );
  return { rt: rt as unknown as RealtimeLike, emit };
}

function setup(chat: Partial<VigilClient['chat']>) {
  const { rt, emit } = fakeRealtime();
  const api = {
    auth: {
      me: vi.fn().mockResolvedValue({ id: 1, username: 'alice', isAdmin: false }),
    } as unknown as VigilClient['auth'],
    chat: { markRead: vi.fn().mockResolvedValue({}), ...chat } as VigilClient['chat'],
  };
  renderWithApp(
    <RealtimeContext.Provider value={rt}>
      <ChatPanel channel="team:1" title="#blue" />
    </RealtimeContext.Provider>,
    { api },
  );
  return { emit, rt, api };
}

describe('ChatPanel', () => {
  it('shows history, appends live messages once, posts with Enter and signals typing', async () => {
    const post = vi.fn().mockResolvedValue(msg(12, 'on my way', { id: 1, username: 'alice' }));
    const { emit, rt } = setup({
      history: vi.fn().mockResolvedValue({
        channel: 'team:1',
        title: 'team blue',
        canPost: true,
        items: [msg(10, 'hello **team**')],
      }),
      post,
    });
    expect(await screen.findByText('team')).toContainHTML('<strong>team</strong>');
    const live: RealtimeEvent = {
      id: 99,
      type: 'chat.message_posted',
      at: '',
      data: { message: msg(11, 'a live one') },
    };
    emit('event', live);
    emit('event', live);
    expect(await screen.findAllByText('a live one')).toHaveLength(1);
    emit('event', {
      id: 100,
      type: 'chat.message_posted',
      at: '',
      data: { message: { ...msg(50, 'elsewhere'), channel: 'team:2' } },
    });
    expect(screen.queryByText('elsewhere')).toBeNull();

    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'on my way{Enter}');
    expect(post).toHaveBeenCalledWith('team:1', 'on my way');
    expect(rt.typing).toHaveBeenCalledWith('team:1');
    expect(await screen.findByText('on my way')).toBeInTheDocument();
    emit('typing', { channel: 'team:1', user: { id: 2, username: 'bob' } });
    expect(await screen.findByText('bob is typing…')).toBeInTheDocument();
    emit('event', { id: 101, type: 'chat.message_deleted', at: '', data: { messageId: 11, channel: 'team:1' } });
    await waitFor(() => expect(screen.queryByText('a live one')).toBeNull());
    expect(screen.getByText('Message deleted')).toBeInTheDocument();
  }, 20_000);

  it('read-only readers see no composer; an unreadable channel says so', async () => {
    setup({ history: vi.fn().mockResolvedValue({ channel: 'team:1', title: 'team blue', canPost: false, items: [] }) });
    expect(await screen.findByText('You can read this conversation but not post in it.')).toBeInTheDocument();
    expect(screen.getByText('No messages yet')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });

  it('a channel the user may not read shows the forbidden state', async () => {
    setup({ history: vi.fn().mockRejectedValue(new ApiError(404, 'NOT_FOUND', 'Team 1 was not found')) });
    expect(await screen.findByText('You cannot read this conversation.')).toBeInTheDocument();
  });
});
