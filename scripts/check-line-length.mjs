#!/usr/bin/env node
// Lines of code, comments, strings and templates stay within 120 characters (CONTRIBUTING.md).
// Biome's formatter wraps code but leaves long strings, comments and templates alone; this check
// covers what it does not. It reads the files git knows (tracked, or new and not ignored) under the
// folders biome.json lints, or only the paths given as arguments.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const MAX = 120;
const roots = ['apps/server/src', 'apps/web/src', 'apps/web/test', 'packages', 'test', 'bench', 'scripts', 'bin'];
const args = process.argv.slice(2);
const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...roots], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
}).split('\0');
const candidates = args.length > 0 ? args : [...new Set(listed)];
const files = candidates.filter(
  (f) => /\.(ts|tsx|mts|cts|mjs|cjs|js|jsx)$/.test(f) && !/(^|\/)(fixtures|dist)\//.test(f) && existsSync(f),
);
const long = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    const length = [...line].length;
    if (length > MAX) long.push(`${file}:${i + 1}: ${length} characters`);
  });
}
if (long.length > 0) {
  console.error(`${long.length} line(s) longer than ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`line length: ${files.length} files, no line over ${MAX} characters`);
