import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableChecksum, UnitOfWork } from '@vigil/db';
import { createHarness } from '../support/harness.ts';
import { fixture, upload } from '../import/support.ts';

const temporaryDirs: string[] = [];

/** A new directory under the OS temp dir, removed by removeTemporaryDirs(). */
export function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Imports a real report through the API: findings, locations, artifacts, audit rows, events. */
export async function populate(uow: UnitOfWork, artifactDir: string): Promise<void> {
  const h = await createHarness(uow, { artifactDir });
  try {
    const admin = await h.user('backup-admin', { admin: true });
    const res = await upload(
      admin,
      '/api/v2/import-scan/',
      {
        scan_type: 'SARIF',
        product_type_name: 'Backup PT',
        product_name: 'Backup shop',
        engagement_name: 'CI',
        auto_create_context: 'true',
        minimum_severity: 'Info',
      },
      fixture('sca/fixtures/sarif/codeql.sarif'),
      'codeql.sarif',
    );
    assert.equal(res.statusCode, 201, res.body);
  } finally {
    await h.close();
  }
}

export function assertSameData(actual: TableChecksum[], expected: TableChecksum[]): void {
  assert.deepEqual(actual, expected);
  const byName = new Map(expected.map((t) => [t.table, t.rows]));
  assert.ok((byName.get('public.findings') ?? 0) > 0, 'the drill covers real findings');
  assert.ok((byName.get('public.test_imports') ?? 0) > 0);
}

export function artifactFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
