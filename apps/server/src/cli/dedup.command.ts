import type { Command } from 'commander';
import { RehashService, SYSTEM_ACTOR } from '@vigil/core';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { loadConfig } from '../config/config.ts';
import { withDatabase } from './with-database.ts';

/** `vigil dedup rehash`: applies a changed identity configuration now, printing progress. */
export function registerDedupCommands(program: Command): void {
  const dedup = program.command('dedup').description('Deduplication maintenance');
  dedup
    .command('rehash')
    .description(
      'Re-hash and re-deduplicate the findings of one scan type with the configured identity (VIGIL_DEDUP_CONFIG), ' +
        'on the configured database',
    )
    .requiredOption('--scan-type <name>', 'scan type, e.g. "Trivy Scan"')
    .action((o: { scanType: string }) =>
      withDatabase(async (db) => {
        const config = loadConfig();
        await ensureJobQueues(db.uow.repos, jobDefinitions, config.jobs.timeouts);
        const rehash = new RehashService(db.uow, config.dedup);
        const run = await rehash.request({ actor: SYSTEM_ACTOR }, o.scanType);
        const done = await rehash.run(run.id);
        console.log(`Re-hashed ${done.scan_type} in ${done.products_done} product(s): ${JSON.stringify(done.result)}`);
      }),
    );
}
