import type { SystemOverview } from '@vigil/contract';
import { migrations, type UnitOfWork } from '@vigil/db';
import { parserForScanType } from '@vigil/parsers';
import { adminPolicy } from '../access/admin.policy.ts';
import type { RequestContext } from '../context/request-context.ts';
import { identityFor, type DedupSettings } from '../import/dedup-settings.ts';

/** What the process was started with that an administrator may see (never secrets). */
export interface SystemFacts {
  version: string;
  database: 'embedded' | 'postgresql';
  limits: { importMaxBytes: number; sessionTtlSeconds: number; loginMaxFailures: number; loginWindowSeconds: number };
  dedup: DedupSettings;
}

/** The administrators' system page: version, database, migrations, limits, deduplication identity. */
export class SystemInfoService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly facts: SystemFacts,
  ) {}

  async overview(ctx: RequestContext): Promise<SystemOverview> {
    adminPolicy.authorize(ctx.actor, 'read', 'system_settings');
    const repos = this.uow.repos;
    const [applied, serverVersion, tables, states, scanTypes] = await Promise.all([
      repos.system.appliedMigrations(),
      repos.system.serverVersion(),
      repos.system.tableSizes(),
      repos.deduplication.identityStates(),
      repos.deduplication.scanTypesInUse(),
    ]);
    const done = new Set(applied.map((m) => m.name));
    const identities = scanTypes.flatMap((scanType) => {
      const parser = parserForScanType(scanType);
      if (!parser) return [];
      const identity = identityFor(parser, scanType, this.facts.dedup);
      const overridden = Object.keys(this.facts.dedup.scanTypes).some(
        (k) => k.toLowerCase() === scanType.toLowerCase(),
      );
      return [
        {
          scanType,
          algorithm: identity.algorithm,
          hashFields: [...identity.hashFields],
          overridden,
          recorded: states.has(scanType.toLowerCase()),
        },
      ];
    });
    return {
      version: this.facts.version,
      database: { kind: this.facts.database, serverVersion, tables },
      migrations: {
        applied: applied.map((m) => ({ name: m.name, executedAt: new Date(m.executed_at).toISOString() })),
        pending: Object.keys(migrations).filter((n) => !done.has(n)),
      },
      limits: this.facts.limits,
      deduplication: { crossToolMatching: this.facts.dedup.crossToolMatching, scanTypes: identities },
    };
  }
}
