import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OsvArchiveError } from './osv-archive.ts';

/** An archive on disk to read, and how to let go of it. */
export interface LocalArchive {
  path: string;
  /** What the sync history shows as the run's origin: the URL or the file given. */
  origin: string;
  release(): Promise<void>;
}

/** OSV's per-ecosystem archive on its public bucket (https://google.github.io/osv.dev/data/). */
export function osvArchiveUrl(ecosystem: string): string {
  return `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(ecosystem)}/all.zip`;
}

/**
 * `--from`: a local file is read in place; an http(s) URL is streamed to a temporary file first
 * (a zip's directory is at its end, so it cannot be read from the network front to back) and the
 * file is removed on release. Neither is ever held in memory whole.
 */
export async function localArchive(from: string, fetchImpl: typeof fetch = fetch): Promise<LocalArchive> {
  if (!/^https?:\/\//i.test(from)) {
    const path = from.startsWith('file://') ? new URL(from).pathname : from;
    const found = await stat(path).catch(() => undefined);
    if (!found?.isFile()) throw new OsvArchiveError(`${from}: no such file`);
    return { path, origin: from, release: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'vigil-osv-'));
  const path = join(dir, 'all.zip');
  try {
    const res = await fetchImpl(from);
    if (!res.ok || !res.body) throw new OsvArchiveError(`GET ${from} answered ${res.status} ${res.statusText}`);
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(path));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof OsvArchiveError) throw err;
    throw new OsvArchiveError(`downloading ${from} failed: ${(err as Error).message}`);
  }
  return { path, origin: from, release: () => rm(dir, { recursive: true, force: true }) };
}
