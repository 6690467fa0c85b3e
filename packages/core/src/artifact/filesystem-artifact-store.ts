import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { AppError, notFound } from '../errors/app-error.ts';
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
    if (await this.renewIfStored(key, path)) return key;
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o640 });
    await rename(tmp, path);
    return key;
  }

  /**
   * True when `key` is stored already; storing again renews the file's time,
   * so the clean-up job's grace period protects it.
   */
  private async renewIfStored(key: string, path: string): Promise<boolean> {
    if (!(await this.has(key))) return false;
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return true;
  }

  async putFile(source: string): Promise<string> {
    const hash = createHash('sha256');
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `upload.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // Copied while hashing (one read), so the source may live on another filesystem.
      await pipeline(
        createReadStream(source),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp, { mode: 0o640 }),
      );
      const key = `sha256:${hash.digest('hex')}`;
      const path = this.pathOf(key);
      if (await this.renewIfStored(key, path)) return key;
      await mkdir(join(path, '..'), { recursive: true });
      await rename(tmp, path);
      return key;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async *open(key: string): AsyncIterable<Buffer> {
    const path = this.pathOf(key);
    if (!(await this.has(key))) throw notFound('Artifact', key, `Artifact ${key} is not in the artifact store`);
    yield* createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
  }

  async size(key: string): Promise<number> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw notFound('Artifact', key, `Artifact ${key} is not in the artifact store`);
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw notFound('Artifact', key, `Artifact ${key} is not in the artifact store`);
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

  async *list(): AsyncIterable<{ key: string; storedAt: Date }> {
    for (const a of await entries(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue; // uploads being stored
      for (const b of await entries(join(this.dir, a))) {
        for (const name of await entries(join(this.dir, a, b))) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue; // temporary files of writes in progress
          const info = await stat(join(this.dir, a, b, name)).catch(() => null);
          if (info?.isFile()) yield { key: `sha256:${name}`, storedAt: info.mtime };
        }
      }
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
