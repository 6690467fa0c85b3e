import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const POSTGRES_DUMP_FILE = 'database.dump';
export const PGLITE_DUMP_FILE = 'pglite-datadir.tar.gz';
export const ARTIFACTS_DIR = 'artifacts';

const ZTableChecksum = z.object({
  table: z.string(),
  rows: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{32}$/),
});

export const ZBackupManifest = z.object({
  format: z.literal('vigil-backup/1'),
  createdAt: z.string(),
  vigilVersion: z.string(),
  database: z.object({
    kind: z.enum(['postgres', 'embedded']),
    file: z.string(),
    migrations: z.array(z.string()),
    tables: z.array(ZTableChecksum),
  }),
  artifacts: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const path = join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new Error(`${path} not found: not a Vigil backup directory`);
  }
  const parsed = ZBackupManifest.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid backup ` +
        `manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
