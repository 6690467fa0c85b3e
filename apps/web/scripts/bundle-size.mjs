#!/usr/bin/env node
// Gzipped size of the JavaScript the first page loads: the entry script and its modulepreloads,
// as listed in dist/index.html. Fails when over the budget (default 400 kB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const budgetKb = Number(process.env.VIGIL_WEB_BUDGET_KB ?? 400);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const f of files) {
  const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} kB  ${f}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} kB  first-page JavaScript, gzipped (budget ${budgetKb} kB)`);
if (total / 1024 > budgetKb) process.exit(1);
