import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files of the artifact store (content-addressed: the file name is its SHA-256). */
async function* walk(dir: string): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) yield path;
  }
}

/**
 * Copies every artifact from `from` to `to`, checking each file against the SHA-256 in its name
 * so a corrupt artifact is reported rather than copied. Existing identical files are kept.
 */
export async function copyArtifacts(from: string, to: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for await (const path of walk(from)) {
    const name = path.split('/').pop() ?? '';
    if (/^[0-9a-f]{64}$/.test(name)) {
      const digest = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      if (digest !== name) throw new Error(`artifact ${relative(from, path)} is corrupt (its SHA-256 is ${digest})`);
    }
    const target = join(to, relative(from, path));
    await mkdir(join(target, '..'), { recursive: true });
    if (!existsSync(target)) await copyFile(path, target);
    files++;
    bytes += (await stat(path)).size;
  }
  return { files, bytes };
}
