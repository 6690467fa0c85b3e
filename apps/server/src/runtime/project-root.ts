import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (the package.json named "vigil"), found from this module whether bundled or not. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vigil') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Vigil checkout (package.json named "vigil")');
    dir = parent;
  }
}
