#!/usr/bin/env node
// The `vigil` command. The TypeScript sources are bundled with esbuild (npm packages stay external)
// and the bundle is imported: this starts far faster than transpiling module by module. The bundle
// is rebuilt whenever a source file was added, removed or changed (size and mtime of every file,
// a few ms to check; a build costs 50-250 ms), so it is never stale. Without esbuild, tsx's loader
// runs the sources.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'apps/server/src/cli/main.ts');
const SOURCE_DIRS = [
  join(root, 'apps/server/src'),
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')),
];

/** A digest of every source file's path, size and mtime (and package.json): equal digest, same bundle. */
function sourceDigest() {
  const h = createHash('sha256');
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(full);
      } else if (/\.(ts|tsx|js|mjs|json)$/.test(e.name)) {
        const st = statSync(full);
        h.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  const pkg = statSync(join(root, 'package.json'));
  h.update(`package.json\0${pkg.size}\0${pkg.mtimeMs}\0${process.version}`);
  return h.digest('hex');
}

function readHead(file, bytes) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function loadMain() {
  if (process.env.VIGIL_NO_BUNDLE !== '1') {
    try {
      const dir = join(root, 'dist', 'server');
      const file = join(dir, 'vigil.mjs');
      // The bundle's first line names the sources it was built from (one file, replaced atomically).
      const stamp = `// vigil-sources ${sourceDigest()}\n`;
      if (existsSync(file) && readHead(file, stamp.length) === stamp)
        return (await import(pathToFileURL(file).href)).main;
      const { build } = await import('esbuild');
      const pkg = createRequire(import.meta.url)(join(root, 'package.json'));
      const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
      const out = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        external: external.flatMap((name) => [name, `${name}/*`]),
        logLevel: 'silent',
      });
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, stamp + out.outputFiles[0].text);
      renameSync(tmp, file); // atomic: concurrent starts never read a half-written bundle
      return (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)).main;
    } catch (err) {
      if (process.env.VIGIL_DEBUG_BUNDLE) console.error('vigil: bundling failed, using tsx:', err);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../apps/server/src/cli/main.ts')).main;
}

const main = await loadMain();
await main(process.argv);
