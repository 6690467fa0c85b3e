#!/usr/bin/env node
// Runs every backend test (unit tests beside the code, integration tests in test/) with node:test
// through tsx. Optional arguments filter the files by substring: `npm test -- parsers`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'apps/server', 'test'];
const skipDirs = new Set(['node_modules', 'dist', 'fixtures', 'data', 'web']);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (!skipDirs.has(name)) walk(full, out);
    } else if (/\.test\.ts$/.test(name)) out.push(relative(root, full));
  }
  return out;
}

const filters = process.argv.slice(2);
const files = roots
  .flatMap((r) => walk(join(root, r), []))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.VIGIL_TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, VIGIL_LOG_LEVEL: process.env.VIGIL_LOG_LEVEL ?? 'silent' } },
);
if (result.status !== 0 || filters.length > 0) process.exit(result.status ?? 1);
// The web app's component tests (vitest) run with the full suite.
const web = spawnSync('npm', ['run', 'test:web', '--silent'], { stdio: 'inherit', cwd: root });
process.exit(web.status ?? 1);
