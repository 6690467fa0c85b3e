import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresence, PRESENCE_CHUNK } from './presence.ts';
import { waitFor } from '../../../../test/support/wait.ts';

test(
  'a burst of presence changes goes out in packets of PRESENCE_CHUNK users, one per event-loop turn, each user ' +
    'once',
  async () => {
    const sent: (string | { room: string; users: { user: { id: number }; status: string }[] })[] = [];
    const io = {
      to: (room: string) => ({
        emit: (_name: string, body: { users: { user: { id: number }; status: string }[] }) => {
          // Something else the event loop has to do (a live event): it must not wait for the whole burst.
          if (!sent.length) setImmediate(() => sent.push('other work'));
          sent.push({ room, users: body.users });
        },
      }),
    };
    const presence = createPresence(io as never, 20);
    const users = 2 * PRESENCE_CHUNK + 50;
    for (let id = 1; id <= users; id++)
      presence.connected({ rooms: new Set([`user:${id}`, 'team:1']) } as never, { id, username: `u${id}` });
    await waitFor(() => sent.filter((p) => typeof p !== 'string').flatMap((p) => p.users).length >= users, {
      what: 'every user to be sent',
    });
    presence.stop();
    assert.equal(sent[1], 'other work', 'other work ran between the first and the second packet');
    const packets = sent.filter((p) => typeof p !== 'string');
    assert.deepEqual(
      packets.map((p) => p.users.length),
      [PRESENCE_CHUNK, PRESENCE_CHUNK, 50],
    );
    assert.ok(packets.every((p) => p.room === 'team:1' && p.users.every((u) => u.status === 'online')));
    assert.deepEqual(
      packets.flatMap((p) => p.users.map((u) => u.user.id)),
      Array.from({ length: users }, (_, i) => i + 1),
    );
  },
);
