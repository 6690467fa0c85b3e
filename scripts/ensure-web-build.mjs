#!/usr/bin/env node
// `npm start` serves the web app from apps/web/dist: build it once when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const index = new URL('../apps/web/dist/index.html', import.meta.url);
if (!existsSync(index)) {
  console.log('Building the web app (first start only)…');
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url).pathname,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
