import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { OSV_LIMITS } from '@vigil/contract';
import type { SyncCounts, SyncRunRow } from '@vigil/db';
import {
  createNvdSync,
  cvssScorer,
  localArchive,
  NVD_CVE_API_URL,
  osvArchiveUrl,
  OsvSyncService,
  readZipEntries,
} from '@vigil/vulndb';
import { requestReverseMatch } from '@vigil/core';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { withDatabase } from './with-database.ts';
import type { OpenDatabase } from '../runtime/open-database.ts';
import type { Config } from '../config/config.ts';

interface SyncOsvOptions {
  ecosystem: string;
  from?: string;
  batchSize: string;
}

/** `vigil vulndb …`: loads advisories into the vulnerability database (docs/vulndb.md "Loading OSV"). */
export function registerVulndbCommands(program: Command): void {
  const vulndb = program.command('vulndb').description('The vulnerability database: load and sync advisories');
  const sync = vulndb.command('sync').description('Synchronize advisories from a source');
  sync
    .command('osv')
    .description("Load OSV's all.zip of one ecosystem (streamed; unchanged records are skipped by `modified`)")
    .requiredOption('--ecosystem <name>', 'OSV ecosystem, e.g. npm, PyPI, Maven, Debian')
    .option('--from <url|file.zip>', "archive URL or file (default: the ecosystem on OSV's public bucket)")
    .option('--batch-size <n>', 'records per transaction', '1000')
    .action((o: SyncOsvOptions) =>
      withDatabase(async (db, config) => {
        const batchSize = Number(o.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)
          throw new Error('--batch-size must be a whole number from 1 to 50000');
        const from = o.from ?? osvArchiveUrl(o.ecosystem);
        const archive = await localArchive(from);
        const started = Date.now();
        const service = new OsvSyncService(db.uow, cvssScorer, {
          ...(await reverseMatching(db, config)),
          batchSize,
          onProgress: (t) => process.stderr.write(`\r${progressLine(t, started)}`),
        });
        try {
          const run = await service.load(readZipEntries(archive.path, OSV_LIMITS.recordBytes), {
            source: 'osv',
            ecosystem: o.ecosystem,
            origin: archive.origin,
          });
          process.stderr.write('\n');
          printRun(run, started);
        } finally {
          await archive.release();
        }
      }),
    );

  sync
    .command('nvd')
    .description("Load NVD CVE API 2.0 pages (resumes after the last succeeded run's lastModified window)")
    .option('--from <url|dir>', 'the CVE API URL, or a directory of saved pages', NVD_CVE_API_URL)
    .action((o: { from: string }) =>
      withDatabase(async (db, config) => {
        const started = Date.now();
        const matching = await reverseMatching(db, config);
        const sync = createNvdSync({
          uow: db.uow,
          api: { apiKey: config.vulndb.nvdApiKey },
          loader: (onProgress) => new OsvSyncService(db.uow, cvssScorer, { ...matching, onProgress, batchSize: 1000 }),
          onWarning: (w) => process.stderr.write(`\nwarning ${w}\n`),
        });
        const run = await sync(o.from, (t) => process.stderr.write(`\r${progressLine(t, started)}`));
        process.stderr.write('\n');
        printRun(run, started);
      }),
    );

  vulndb
    .command('import <file>')
    .description('Import one OSV record (a JSON file) into the vulnerability database')
    .action((file: string) =>
      withDatabase(async (db, config) => {
        const text = await readFile(file, 'utf8');
        const service = new OsvSyncService(db.uow, cvssScorer, {
          ...(await reverseMatching(db, config)),
          batchSize: 1000,
        });
        const result = await service.importRecord(text, { source: 'import', ecosystem: null, origin: basename(file) });
        if (result.outcome === 'invalid') throw new Error(`${result.id} is not a valid OSV record: ${result.reason}`);
        console.log(`${result.id}: ${result.outcome}`);
      }),
    );
}

/** Loads from the CLI queue reverse matching as the worker's do (docs/vulndb.md "Matching"). */
async function reverseMatching(db: OpenDatabase, config: Config) {
  await ensureJobQueues(db.uow.repos, jobDefinitions, config.jobs.timeouts);
  return { beforeWrite: requestReverseMatch };
}

function progressLine(t: SyncCounts, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  const rate = Math.round(t.read / Math.max(seconds, 0.001));
  return (
    `read ${t.read}  inserted ${t.inserted}  updated ${t.updated}  unchanged ${t.unchanged}  invalid ${t.invalid}` +
    `  (${rate} records/s)`
  );
}

function printRun(run: SyncRunRow, started: number): void {
  console.log(
    `Sync run ${run.id} ${run.status} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${progressLine(run, started)}, withdrawn ${run.withdrawn}`,
  );
  const invalid = run.invalid_records;
  for (const r of invalid) console.log(`  invalid ${r.id}: ${r.reason}`);
  if (run.invalid > invalid.length) console.log(`  … and ${run.invalid - invalid.length} more invalid records`);
}
