import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

/** Issue 13 item 6: a private note's history (and edit/delete) obey the note's visibility. */
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let writer: TestUser;
let reader: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
  writer = await h.user('writer');
  reader = await h.user('reader');
});
after(async () => {
  await h.close();
  await db.drop();
});

test(
  'a private note, its history included, answers 404 to ' + 'a Reader as if absent; its author and Writers read it',
  async () => {
    const pt = (await admin.post('/api/v1/product-types', { name: 'Notes PT' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Notes shop', productTypeId: pt.id })).json();
    assert.equal(
      (await admin.post(`/api/v1/products/${product.id}/members`, { userId: writer.id, role: 'Writer' })).statusCode,
      201,
    );
    assert.equal(
      (await admin.post(`/api/v1/products/${product.id}/members`, { userId: reader.id, role: 'Reader' })).statusCode,
      201,
    );
    const engagement = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'CI',
        targetStart: '2026-01-01',
        targetEnd: '2026-12-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    const f = (await admin.post('/api/v1/findings', { testId: t.id, title: 'Secret thing', severity: 'High' })).json();

    const secret = (
      await writer.post(`/api/v1/findings/${f.id}/notes`, { entry: 'the admin password is hunter2', private: true })
    ).json();
    assert.equal(
      (await writer.patch(`/api/v1/findings/${f.id}/notes/${secret.id}`, { entry: 'rotated' })).statusCode,
      200,
    );
    const shared = (
      await writer.post(`/api/v1/findings/${f.id}/notes`, { entry: 'first draft', private: false })
    ).json();
    assert.equal(
      (await writer.patch(`/api/v1/findings/${f.id}/notes/${shared.id}`, { entry: 'final' })).statusCode,
      200,
    );

    // The author and the administrator read the private note's history.
    for (const u of [writer, admin]) {
      const res = await u.get(`/api/v1/findings/${f.id}/notes/${secret.id}/history`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().items.map((e: { entry: string }) => e.entry),
        ['the admin password is hunter2'],
      );
    }

    // The Reader: the note is not listed, and its history answers exactly as an absent note's.
    assert.deepEqual(
      (await reader.get(`/api/v1/findings/${f.id}/notes`)).json().items.map((n: { id: number }) => n.id),
      [shared.id],
    );
    const hidden = await reader.get(`/api/v1/findings/${f.id}/notes/${secret.id}/history`);
    const absent = await reader.get(`/api/v1/findings/${f.id}/notes/99999/history`);
    assert.equal(hidden.statusCode, 404);
    assert.equal(absent.statusCode, 404);
    assert.doesNotMatch(hidden.body, /hunter2/);
    assert.equal(hidden.json().error.code, absent.json().error.code);
    assert.equal(
      hidden.json().error.message.replace(String(secret.id), 'N'),
      absent.json().error.message.replace('99999', 'N'),
    );
    // Deleting it is refused the same way (not a 403 that would confirm it exists).
    assert.equal((await reader.delete(`/api/v1/findings/${f.id}/notes/${secret.id}`)).statusCode, 404);

    // A shared note's history stays readable by the Reader.
    const sharedHistory = await reader.get(`/api/v1/findings/${f.id}/notes/${shared.id}/history`);
    assert.equal(sharedHistory.statusCode, 200, sharedHistory.body);
    assert.deepEqual(
      sharedHistory.json().items.map((e: { entry: string }) => e.entry),
      ['first draft'],
    );

    // After losing the Writer role, even the author no longer reads it (the list's rule).
    assert.equal(
      (await admin.post(`/api/v1/products/${product.id}/members`, { userId: writer.id, role: 'Reader' })).statusCode,
      201,
    );
    assert.equal((await writer.get(`/api/v1/findings/${f.id}/notes/${secret.id}/history`)).statusCode, 404);
  },
);
