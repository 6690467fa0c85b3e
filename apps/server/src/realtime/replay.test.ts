import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEventRecord, EventPosition } from '@vigil/db';
import { parseDomainEvents } from '@vigil/core';
import { replay } from './replay.ts';
import { ReplayShare, SEGMENT_MAX } from './replay-share.ts';

const event = (id: number, topics: string[], type = 'chat.message_posted'): DomainEventRecord => ({
  id,
  tx_id: String(id),
  type,
  topics,
  actor_id: 1,
  payload: { messageId: id, channel: topics[0], teamId: 1, findingId: null, productId: null },
  created_at: new Date('2026-11-29T10:00:00Z'),
});
/** An event as the replay hands it to the presenters: parsed where it was read. */
const parsed = (e: DomainEventRecord) => parseDomainEvents([e])[0];
const message = (id: number) => ({
  id,
  channel: 'team:1',
  team_id: 1,
  finding_id: null,
  author_id: 1,
  author_username: 'ann',
  body: `m${id}`,
  mentions: [],
  mention_names: [],
  created_at: new Date(),
  edited_at: null,
  deleted_at: null,
  reactions: [],
});

/** A log in memory with counters of the queries a replay makes. */
function fakeRepos(log: DomainEventRecord[]) {
  const queries = { positionOf: 0, readAfter: 0, filteredReads: 0, messageLoads: 0 };
  const repos = {
    events: {
      async positionOf(id: number) {
        queries.positionOf++;
        return log.some((e) => e.id === id) ? { txId: String(id), eventId: id } : undefined;
      },
      async readAfter(p: EventPosition, limit: number, topics?: string[]) {
        queries.readAfter++;
        if (topics) queries.filteredReads++;
        return log
          .filter((e) => e.id > p.eventId && (!topics || e.topics.some((t) => topics.includes(t))))
          .slice(0, limit);
      },
    },
    chatMessages: {
      async findById(id: number) {
        queries.messageLoads++;
        return message(id);
      },
    },
  };
  return { queries, repos: repos as never };
}

function fakeSocket() {
  const ids: number[] = [];
  return { ids, socket: { emit: (_name: string, envelope: { id: number }) => ids.push(envelope.id) } as never };
}

test(
  'the replays of one boundary share one read, one position lookup and one load per message; each socket gets ' +
    'only its rooms',
  async () => {
    const log = [
      event(1, ['team:1']),
      event(2, ['team:1']),
      event(3, ['product:9', 'finding:4'], 'finding.updated'),
      event(4, ['team:1']),
      event(5, ['team:2']),
    ];
    const { queries, repos } = fakeRepos(log);
    const shared = new ReplayShare();
    const upTo = { txId: '4', eventId: 4 };
    const member = fakeSocket();
    const other = fakeSocket();
    const results = await Promise.all([
      replay(member.socket, repos, ['public', 'user:1', 'team:1'], 1, upTo, 1000, shared),
      replay(fakeSocket().socket, repos, ['public', 'user:2', 'team:1'], 1, upTo, 1000, shared),
      replay(other.socket, repos, ['public', 'user:3', 'team:2', 'product:8'], 1, upTo, 1000, shared),
    ]);
    assert.deepEqual(results, [true, true, true]);
    assert.deepEqual(member.ids, [2, 4], 'after its last id, up to the boundary; event 5 comes live');
    assert.deepEqual(other.ids, [], 'no event of a team or product it cannot read');
    assert.deepEqual(queries, { positionOf: 1, readAfter: 1, filteredReads: 0, messageLoads: 2 });

    await replay(fakeSocket().socket, repos, ['team:1'], 1, { txId: '5', eventId: 5 }, 1000, shared);
    assert.equal(queries.readAfter, 2, 'a later boundary reads (and presents) again');
    assert.equal(queries.messageLoads, 4);
  },
);

test(
  'a gap longer than a shared stretch is read per socket, filtered by its rooms; too many events or an unknown id ' +
    'ask for a resync',
  async () => {
    const log = Array.from({ length: SEGMENT_MAX + 10 }, (_, i) => event(i + 1, [i % 2 ? 'team:1' : 'team:2']));
    const { queries, repos } = fakeRepos(log);
    const upTo = { txId: String(SEGMENT_MAX + 5), eventId: SEGMENT_MAX + 5 };
    const s = fakeSocket();
    assert.equal(await replay(s.socket, repos, ['team:1'], 1, upTo, 1000, new ReplayShare()), true);
    assert.equal(s.ids.length, (SEGMENT_MAX + 4) / 2, 'every team:1 event after id 1 up to the boundary');
    assert.ok(s.ids.every((id) => id % 2 === 0 && id > 1 && id <= upTo.eventId));
    assert.ok(queries.filteredReads > 0, 'per socket, by its rooms');
    assert.equal(
      await replay(fakeSocket().socket, repos, ['team:1'], 1, upTo, 100, new ReplayShare()),
      false,
      'more than max',
    );
    assert.equal(
      await replay(fakeSocket().socket, repos, ['team:1'], 99_999, upTo, 1000, new ReplayShare()),
      false,
      'unknown id',
    );
  },
);

test('presentations are shared at one boundary, presented again at a later one; a failure is not kept', async () => {
  let loads = 0;
  let fail = false;
  const repos = {
    chatMessages: {
      async findById(id: number) {
        loads++;
        if (fail) throw new Error('down');
        return message(id);
      },
    },
  } as never;
  const shared = new ReplayShare();
  const e = parsed(event(7, ['team:1']));
  const at = { txId: '7', eventId: 7 };
  const [a, b] = await Promise.all([shared.present(e, at, repos), shared.present(e, at, repos)]);
  assert.equal(loads, 1, 'one load for two sockets');
  assert.deepEqual(a, b);
  await shared.present(e, { txId: '8', eventId: 8 }, repos);
  assert.equal(loads, 2, 'a later boundary may follow an edit: presented again');
  fail = true;
  await assert.rejects(shared.present(parsed(event(9, ['team:1'])), at, repos), /down/);
  fail = false;
  assert.equal((await shared.present(parsed(event(9, ['team:1'])), at, repos))?.envelope.id, 9);
});
