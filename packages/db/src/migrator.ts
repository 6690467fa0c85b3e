import {
  Migrator,
  NO_MIGRATIONS,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
} from 'kysely';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_import.ts';
import * as m0003 from './migrations/0003_feed.ts';
import * as m0004 from './migrations/0004_events.ts';
import * as m0005 from './migrations/0005_jobs.ts';
import * as m0006 from './migrations/0006_notifications.ts';
import * as m0007 from './migrations/0007_jira.ts';
import * as m0008 from './migrations/0008_teams_chat.ts';
import * as m0010 from './migrations/0010_dedup.ts';
import * as m0011 from './migrations/0011_ui_indexes.ts';
import * as m0013 from './migrations/0013_feed_timelines.ts';
import * as m0014 from './migrations/0014_change_notifications.ts';
import * as m0015 from './migrations/0015_feed_only_accounts.ts';
import * as m0016 from './migrations/0016_verified_emails.ts';
import * as m0017 from './migrations/0017_idempotency_keys.ts';
import * as m0018 from './migrations/0018_feed_consumer.ts';
import * as m0019 from './migrations/0019_vulndb.ts';
import * as m0020 from './migrations/0020_advisory_search.ts';
import * as m0021 from './migrations/0021_sbom_inventory.ts';

/** Every migration, in order. Each has an up and a tested down. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_import': m0002,
  '0003_feed': m0003,
  '0004_events': m0004,
  '0005_jobs': m0005,
  '0006_notifications': m0006,
  '0007_jira': m0007,
  '0008_teams_chat': m0008,
  '0010_dedup': m0010,
  '0011_ui_indexes': m0011,
  '0013_feed_timelines': m0013,
  '0014_change_notifications': m0014,
  '0015_feed_only_accounts': m0015,
  '0016_verified_emails': m0016,
  '0017_idempotency_keys': m0017,
  '0018_feed_consumer': m0018,
  '0019_vulndb': m0019,
  '0020_advisory_search': m0020,
  '0021_sbom_inventory': m0021,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly all: Record<string, Migration>) {}
  async getMigrations() {
    return this.all;
  }
}

export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(`Migration ${migration} failed and was rolled back: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'MigrationFailedError';
  }
}

/**
 * Applies and rolls back migrations one step at a time, each step in its own transaction
 * (Kysely runs a step inside a transaction on PostgreSQL), so a failing step leaves the
 * schema and data as they were before it.
 */
export class MigrationRunner {
  private readonly migrator: Migrator;

  constructor(db: Kysely<any>, all: Record<string, Migration> = migrations) {
    this.migrator = new Migrator({ db, provider: new StaticMigrationProvider(all) });
  }

  async status(): Promise<MigrationStatus[]> {
    const info = await this.migrator.getMigrations();
    return info.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
  }

  async pending(): Promise<string[]> {
    return (await this.status()).filter((m) => !m.executedAt).map((m) => m.name);
  }

  /** Applies every pending migration, one transaction each; returns the names applied. */
  async up(): Promise<string[]> {
    const applied: string[] = [];
    for (;;) {
      const { error, results } = await this.migrator.migrateUp();
      this.check(error, results);
      const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (done.length === 0) return applied;
      applied.push(...done);
    }
  }

  /** Rolls back the last applied migration. */
  async down(): Promise<string[]> {
    const { error, results } = await this.migrator.migrateDown();
    this.check(error, results);
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  /** Migrates up or down, step by step, until `target` is the last applied ('none' = empty). */
  async to(target: string): Promise<string[]> {
    const names = (await this.status()).map((m) => m.name);
    if (target !== 'none' && !names.includes(target)) {
      throw new Error(`Unknown migration "${target}"; known: ${names.join(', ')}`);
    }
    const { error, results } = await this.migrator.migrateTo(target === 'none' ? NO_MIGRATIONS : target);
    this.check(error, results);
    return (results ?? [])
      .filter((r) => r.status === 'Success')
      .map((r) => `${r.direction === 'Down' ? '-' : '+'}${r.migrationName}`);
  }

  private check(error: unknown, results: MigrationResult[] | undefined): void {
    if (!error) return;
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName ?? 'unknown', error);
  }
}
