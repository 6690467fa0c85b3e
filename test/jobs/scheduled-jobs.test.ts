import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  FilesystemArtifactStore,
  ReminderService,
  RetentionService,
  SYSTEM_ACTOR,
  type RequestContext,
} from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { loggedEvents } from './domain-events.ts';

/** The scheduled jobs' services: what each announces or deletes, and that a second run changes nothing. */
const NOW = new Date('2026-06-15T08:00:00Z');
const sys: RequestContext = { actor: SYSTEM_ACTOR };
let db: TestDatabase;
let h: Harness;
let artifactDir: string;

before(async () => {
  db = await freshDatabase();
  artifactDir = mkdtempSync(join(tmpdir(), 'vigil-sched-jobs-'));
  h = await createHarness(db.uow, { artifactDir });
});
after(async () => {
  await h.close();
  await db.drop();
  rmSync(artifactDir, { recursive: true, force: true });
});

const eventsOf = (type: string) => loggedEvents(db.handle.db, { type });

test(
  'reminders: upcoming and stale engagements, SLA breaches (one digest per product), risk acceptances; each ' +
    'announced once',
  async () => {
    const s = h.services;
    const pt = await s.productTypes.create(sys, { name: 'Reminders' });
    const product = await s.products.create(sys, { name: 'Reminded', productTypeId: pt.id });
    const upcoming = await s.engagements.create(sys, {
      productId: product.id,
      name: 'Soon',
      targetStart: '2026-06-17',
      targetEnd: '2026-06-30',
    });
    await s.engagements.create(sys, {
      productId: product.id,
      name: 'Later',
      targetStart: '2026-06-25',
      targetEnd: '2026-06-30',
    });
    const stale = await s.engagements.create(sys, {
      productId: product.id,
      name: 'Overdue',
      targetStart: '2026-05-01',
      targetEnd: '2026-06-10',
    });
    await s.engagements.create(sys, {
      productId: product.id,
      name: 'Done',
      targetStart: '2026-05-01',
      targetEnd: '2026-06-10',
      status: 'Completed',
    });
    const t = await s.tests.create(sys, { engagementId: stale.id, scanType: 'Manual' });
    const late = [
      await s.findings.create(sys, { testId: t.id, title: 'Late 1', severity: 'High' }),
      await s.findings.create(sys, { testId: t.id, title: 'Late 2', severity: 'Critical' }),
    ];
    const onTime = await s.findings.create(sys, { testId: t.id, title: 'On time', severity: 'Low' });
    await sql`UPDATE findings SET sla_expiration_date = '2026-06-01'
      WHERE id IN (${late[0].id}, ${late[1].id})`.execute(db.handle.db);
    await sql`UPDATE findings SET sla_expiration_date = '2026-07-01' WHERE id = ${onTime.id}`.execute(db.handle.db);
    const accepted = await s.findings.create(sys, { testId: t.id, title: 'Accepted', severity: 'Medium' });
    const owner = await h.user('ra_owner');
    const expiring = await s.riskAcceptances.create(sys, {
      productId: product.id,
      name: 'Expiring',
      decision: 'accept',
      ownerId: owner.id,
      findingIds: [onTime.id],
      expirationDate: '2026-06-17',
    });
    const expired = await s.riskAcceptances.create(sys, {
      productId: product.id,
      name: 'Expired',
      decision: 'accept',
      ownerId: owner.id,
      findingIds: [accepted.id],
      expirationDate: '2026-06-14',
    });

    const reminders = new ReminderService(db.uow, () => NOW);
    for (let run = 0; run < 2; run++) {
      await reminders.upcomingEngagements();
      await reminders.staleEngagements();
      await reminders.slaBreaches();
      await reminders.riskAcceptances();
    }
    assert.deepEqual(
      (await eventsOf('engagement.upcoming')).map((e) => e.payload.engagementId),
      [upcoming.id],
    );
    assert.deepEqual(
      (await eventsOf('engagement.stale')).map((e) => e.payload.engagementId),
      [stale.id],
    );
    const sla = await eventsOf('sla.breached');
    assert.equal(sla.length, 1, 'one digest');
    assert.equal(sla[0].payload.productId, product.id);
    assert.equal(sla[0].payload.count, 2);
    assert.deepEqual(sla[0].payload.bySeverity, { High: 1, Critical: 1 });
    assert.deepEqual([...(sla[0].payload.findingIds as number[])].sort(), [late[0].id, late[1].id].sort());
    assert.deepEqual(
      (await eventsOf('risk_acceptance.expiring')).map((e) => e.payload.riskAcceptanceId),
      [expiring.id],
    );
    const expiredEvents = await eventsOf('risk_acceptance.expired');
    assert.deepEqual(
      expiredEvents.map((e) => e.payload.riskAcceptanceId),
      [expired.id],
    );
    assert.deepEqual(expiredEvents[0].payload.reactivatedFindingIds, [accepted.id]);
    const reactivated = await db.uow.repos.findings.findById(accepted.id);
    assert.equal(reactivated?.risk_accepted, false);
    assert.equal(reactivated?.active, true);
    assert.equal(
      (await db.uow.repos.findings.findById(onTime.id))?.risk_accepted,
      true,
      'the unexpired acceptance still holds',
    );
  },
);

test(
  'retention: old audit entries, read domain events, excess duplicates and unreferenced artifacts go; the rest ' +
    'stays',
  async () => {
    const store = new FilesystemArtifactStore(artifactDir);
    const settings = { auditRetentionDays: 30, eventRetentionDays: 7, artifactGraceDays: 2, maxDuplicates: 1 };
    const retention = new RetentionService(db.uow, store, settings, () => NOW);

    await db.uow.repos.audit.append([{ actorId: null, action: 'recent', entityType: 'x', entityId: 2 }]);
    await sql`INSERT INTO audit_log (at, action, entity_type, entity_id)
    VALUES (${new Date(NOW.getTime() - 40 * 86_400_000)}, 'old', 'x', '1')`.execute(db.handle.db);
    assert.ok((await retention.auditLog()) >= 1);
    const actions = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_type = 'x'`.execute(
      db.handle.db,
    );
    assert.deepEqual(
      actions.rows.map((r) => r.action),
      ['recent'],
    );

    await sql`UPDATE domain_events SET created_at = ${new Date(NOW.getTime() - 10 * 86_400_000)}`.execute(db.handle.db);
    await db.uow.repos.events.append([{ type: 'test.fresh', topics: [], actorId: null, payload: {} }]);
    assert.ok((await retention.domainEvents()) > 0);
    const left = await sql<{ type: string }>`SELECT type FROM domain_events`.execute(db.handle.db);
    assert.deepEqual(
      left.rows.map((r) => r.type),
      ['test.fresh'],
    );

    const s = h.services;
    const pt = await s.productTypes.create(sys, { name: 'Dupes' });
    const product = await s.products.create(sys, { name: 'Duplicated', productTypeId: pt.id });
    const e = await s.engagements.create(sys, {
      productId: product.id,
      name: 'E',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    });
    const t = await s.tests.create(sys, { engagementId: e.id, scanType: 'Manual' });
    const original = await s.findings.create(sys, { testId: t.id, title: 'Original', severity: 'High' });
    const dupes = [];
    for (let i = 0; i < 3; i++)
      dupes.push(await s.findings.create(sys, { testId: t.id, title: `Dupe ${i}`, severity: 'High' }));
    await sql`UPDATE findings SET duplicate = true, active = false, duplicate_finding_id = ${original.id}
    WHERE id IN (${dupes[0].id}, ${dupes[1].id}, ${dupes[2].id})`.execute(db.handle.db);
    assert.equal(await retention.excessDuplicates(), 2);
    assert.equal(await retention.excessDuplicates(), 0, 'idempotent');
    const kept = await sql<{ id: number }>`SELECT id FROM findings WHERE duplicate_finding_id = ${original.id}`.execute(
      db.handle.db,
    );
    assert.deepEqual(
      kept.rows.map((r) => r.id),
      [dupes[2].id],
      'the newest duplicate is kept',
    );

    const old = NOW.getTime() / 1000 - 5 * 86_400;
    const orphan = await store.put(Buffer.from('nobody refers to me'));
    const young = await store.put(Buffer.from('stored just now'));
    const file = await s.findingFiles.add(sys, original.id, {
      title: 'f',
      filename: 'f.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('a file of a finding'),
    });
    const pathOf = (key: string) => join(artifactDir, key.slice(7, 9), key.slice(9, 11), key.slice(7));
    const fileKey = (await db.uow.repos.findingFiles.findById(file.id))!.storage_key;
    for (const key of [orphan, fileKey]) utimesSync(pathOf(key), old, old);
    assert.equal(await retention.artifactStore(), 1);
    assert.equal(await store.has(orphan), false);
    assert.equal(await store.has(fileKey), true, 'referenced by a finding file');
    assert.equal(await store.has(young), true, 'inside the grace period');
  },
);
