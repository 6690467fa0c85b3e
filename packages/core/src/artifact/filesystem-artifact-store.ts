import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import type { ArtifactStore } from './artifact-store.ts';

const KEY = /^sha256:([0-9a-f]{64})$/;

/**
 * Artifacts as files under one directory: <dir>/<aa>/<bb>/<sha256>. Writes go to a temporary
 * name and are renamed into place, so a reader never sees half a file; equal content is stored once.
 */
export class FilesystemArtifactStore implements ArtifactStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    const m = KEY.exec(key);
    if (!m) throw new AppError('BAD_REQUEST', `Not an artifact key: ${key.slice(0, 80)}`);
    const hex = m[1];
    return join(this.dir, hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  async put(bytes: Buffer): Promise<string> {
    const key = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const path = this.pathOf(key);
    if (await this.has(key)) return key;
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o640 });
    await rename(tmp, path);
    return key;
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `Artifact ${key} is not in the artifact store`);
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }
}
