import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, createUnitOfWork, DataDirLockedError, MigrationRunner } from '@vigil/db';
import { createHarness } from '../support/harness.ts';

test('embedded database: a second opener of the same data dir is refused; the lock is released on close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-embedded-'));
  const first = await createDatabase({ dataDir: dir });
  await assert.rejects(
    createDatabase({ dataDir: dir }),
    (e: unknown) => e instanceof DataDirLockedError && /in use by process/.test((e as Error).message),
  );
  await first.close();
  const second = await createDatabase({ dataDir: dir });
  await second.close();
});

test('embedded database: the full API works on PGlite, concurrent requests are serialized safely', async () => {
  const handle = await createDatabase({ dataDir: 'memory://' });
  try {
    await new MigrationRunner(handle.db).up();
    const uow = createUnitOfWork(handle.db);
    const h = await createHarness(uow);
    const admin = await h.user('admin', { admin: true });
    const pt = (await admin.post('/api/v1/product-types', { name: 'Embedded' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Shop', productTypeId: pt.id })).json();
    const eng = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'E',
        targetStart: '2026-01-01',
        targetEnd: '2026-01-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: eng.id, scanType: 'Manual' })).json();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post('/api/v1/findings', { testId: t.id, title: `F${i}`, severity: 'Medium' }),
      ),
    );
    assert.ok(created.every((r) => r.statusCode === 201));
    const list = (await admin.get(`/api/v1/findings?productId=${product.id}&limit=100`)).json();
    assert.equal(list.items.length, 20);
    const failing = await admin.post('/api/v1/products', { name: 'Shop', productTypeId: pt.id });
    assert.equal(failing.statusCode, 409, 'a failed transaction rolls back and the connection stays usable');
    assert.equal((await admin.get(`/api/v1/products/${product.id}`)).statusCode, 200);
    await h.close();
  } finally {
    await handle.close();
  }
});
