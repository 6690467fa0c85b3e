#!/usr/bin/env node
// The `vigil` command. The TypeScript sources are bundled with esbuild on every start (about 50 ms,
// so the bundle is never stale; npm packages stay external) and the bundle is imported: this starts
// far faster than transpiling module by module. Without esbuild, tsx's loader runs the sources.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'apps/server/src/cli/main.ts');

async function loadMain() {
  if (process.env.VIGIL_NO_BUNDLE !== '1') {
    try {
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
      const dir = join(root, 'dist', 'server');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'vigil.mjs');
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, out.outputFiles[0].contents);
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
