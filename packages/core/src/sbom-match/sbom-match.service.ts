import type { MatchedFindingFields, Repositories, UnitOfWork } from '@vigil/db';
import type { ParsedFinding, Parser } from '@vigil/parsers';
import { purlTypeOfEcosystem } from '@vigil/vulndb';
import type { RequestContext } from '../context/request-context.ts';
import { EngagementPolicy } from '../engagement/engagement.policy.ts';
import { notFound } from '../errors/app-error.ts';
import { DEFAULT_DEDUP_SETTINGS, type DedupSettings } from '../import/dedup-settings.ts';
import type { ImportRequest } from '../import/import-request.ts';
import { ImportWriter } from '../import/import-writer.ts';
import { capFinding, noTruncations } from '../import/imported-text.ts';
import { draftRow } from '../import/finding-rows.ts';
import { DependencyPaths } from './dependency-path.ts';
import { matchFindings } from './match-findings.ts';

/** The test SBOM matching writes its findings into, one per engagement, created on the first match. */
export const SBOM_ANALYSIS_SCAN_TYPE = 'SBOM analysis';

/** One finding per alias group and component version: the unique id is the identity. */
const SBOM_ANALYSIS_IDENTITY: Pick<Parser, 'dedup'> = {
  dedup: { algorithm: 'unique_id_from_tool', hashFields: ['title', 'componentName', 'componentVersion'] },
};

export interface SbomMatchResult {
  engagementId: number;
  testId: number | null;
  matched: number;
  created: number;
  /** Findings kept whose advisory-derived fields changed (fixed-in, CVSS, aliases, path). */
  updated: number;
  closed: number;
  reactivated: number;
}

export interface ReverseMatchRequest {
  osvIds: string[];
  packages: { ecosystem: string; name: string }[];
}

/**
 * Matches SBOM inventories against the advisory store and keeps the findings of each engagement's
 * "SBOM analysis" test current through the import's own writer (the reimport's matching, dedup,
 * reactivation and closing), so matched vulnerabilities join the same triage flow as imported ones.
 */
export class SbomMatchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dedup: DedupSettings = DEFAULT_DEDUP_SETTINGS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** On demand: queues a match of the engagement's inventory (import rights on the engagement). */
  async requestMatch(ctx: RequestContext, engagementId: number): Promise<{ jobId: string | null }> {
    const engagement = await this.uow.repos.engagements.findById(engagementId);
    if (!engagement) throw notFound('Engagement', engagementId);
    await new EngagementPolicy(this.uow.repos).authorize(ctx.actor, 'import', engagement);
    const jobId = await this.uow.transaction((repos) => requestSbomMatch(repos, engagementId));
    return { jobId };
  }

  /**
   * Matches one engagement's inventory in one transaction holding the product's import lock: the
   * findings the advisories support now are created or kept (reactivated when closed), the others
   * closed with a note saying why. An engagement without an inventory has nothing matched.
   */
  async matchEngagement(engagementId: number): Promise<SbomMatchResult> {
    return this.uow.transaction(async (repos) => {
      const engagement = await repos.engagements.findById(engagementId);
      const none = { engagementId, testId: null, matched: 0, created: 0, updated: 0, closed: 0, reactivated: 0 };
      if (!engagement) return none;
      await repos.imports.lockProduct(engagement.product_id);
      const product = (await repos.products.findById(engagement.product_id))!;
      const testId = await repos.imports.latestTestOf(engagementId, SBOM_ANALYSIS_SCAN_TYPE, SBOM_ANALYSIS_SCAN_TYPE);
      const graph = await repos.sbomMatch.graph(engagementId);
      const candidates = graph ? await repos.sbomMatch.candidates(engagementId) : [];
      const outcome = matchFindings(
        candidates,
        new DependencyPaths(graph ?? { inventory_id: 0, root_ref: null, nodes: [], edges: [] }),
      );
      if (testId === undefined && outcome.findings.length === 0) return none;
      const now = this.clock();
      if (testId !== undefined) await this.noteClosures(repos, testId, outcome, now);
      const req: ImportRequest = {
        mode: testId === undefined ? 'import' : 'reimport',
        scanType: SBOM_ANALYSIS_SCAN_TYPE,
        testTitle: SBOM_ANALYSIS_SCAN_TYPE,
        closeOldFindings: testId !== undefined,
        active: true,
        verified: false,
      };
      const target = { productTypeId: product.product_type_id, productId: product.id, engagement, testId };
      const written = await new ImportWriter(repos, req, target, this.dedup, now, null).write({
        parser: SBOM_ANALYSIS_IDENTITY,
        scanType: SBOM_ANALYSIS_SCAN_TYPE,
        toolName: SBOM_ANALYSIS_SCAN_TYPE,
        batches: (async function* () {
          if (outcome.findings.length > 0) yield outcome.findings;
        })(),
      });
      const updated = await repos.sbomMatch.refreshFindings(
        written.testId,
        outcome.findings.map((f) => fieldsOf(f, now)),
      );
      return {
        engagementId,
        testId: written.testId,
        updated,
        matched: outcome.findings.length,
        created: written.statistics.created.total,
        closed: written.statistics.closed.total,
        reactivated: written.statistics.reactivated.total,
      };
    });
  }

  /**
   * After advisories changed: the engagements whose inventories hold a package the advisories name
   * now or named before, found through the components' (purl type, name) index, are matched again.
   */
  async reverseMatch(request: ReverseMatchRequest): Promise<SbomMatchResult[]> {
    const named = await this.uow.repos.sbomMatch.packagesOf(request.osvIds);
    const keys = new Map<string, { ecosystem: string; purlType: string; name: string }>();
    for (const p of [...request.packages, ...named]) {
      const purlType = purlTypeOfEcosystem(p.ecosystem)?.type;
      if (purlType !== undefined) keys.set(`${p.ecosystem}\n${p.name}`, { ...p, purlType });
    }
    const engagementIds = await this.uow.repos.sbomMatch.engagementsWith([...keys.values()]);
    const results: SbomMatchResult[] = [];
    for (const id of engagementIds) results.push(await this.matchEngagement(id));
    return results;
  }

  /** Notes on the open findings this match closes, saying why each is no longer a match. */
  private async noteClosures(
    repos: Repositories,
    testId: number,
    outcome: ReturnType<typeof matchFindings>,
    now: Date,
  ): Promise<void> {
    const still = new Set(outcome.findings.map((f) => f.uniqueIdFromTool));
    const byReason = new Map<string, number[]>();
    for (const f of await repos.imports.findingsOfTest(testId)) {
      if (!f.active || f.is_mitigated || f.unique_id_from_tool === null || still.has(f.unique_id_from_tool)) continue;
      const reason =
        outcome.notAffected.get(f.unique_id_from_tool) ??
        'Closed by SBOM matching: the component is no longer in the SBOM, or no advisory of the group names it.';
      byReason.set(reason, [...(byReason.get(reason) ?? []), f.id]);
    }
    for (const [reason, ids] of byReason) await repos.imports.addNotes(ids, reason, null, now);
  }
}

/** A matched finding's advisory-derived fields, cut and cleaned exactly as the import stores them. */
function fieldsOf(finding: ParsedFinding, now: Date): MatchedFindingFields {
  const context = { testId: 0, engagementId: 0, productId: 0, defaultDate: '', now, reporterId: null, findingTags: [] };
  const row = draftRow(capFinding(finding, noTruncations()), '', { ...context, sla: undefined });
  return {
    unique_id: row.unique_id_from_tool ?? '',
    description: row.description,
    mitigation: row.mitigation,
    vulnerability_ids: row.vulnerability_ids,
    cvssv3: row.cvssv3,
    cvssv3_score: row.cvssv3_score,
    cvssv4: row.cvssv4,
    cvssv4_score: row.cvssv4_score,
  };
}

/** Queues a match of an engagement's inventory, in the caller's transaction (after an SBOM upload). */
export function requestSbomMatch(repos: Repositories, engagementId: number): Promise<string | null> {
  return repos.jobs.enqueue('sbom.match', { engagementId });
}

/**
 * The OSV loader's `beforeWrite` hook: queues reverse matching for the advisories about to be
 * written, with the packages they name before the write, in the write's transaction.
 */
export async function requestReverseMatch(repos: Repositories, osvIds: string[]): Promise<void> {
  const packages = await repos.sbomMatch.packagesOf(osvIds);
  // Batches may be larger than a job's payload limits (`vigil vulndb sync --batch-size` up to 50,000).
  const jobs = Math.max(1, Math.ceil(osvIds.length / IDS_PER_JOB), Math.ceil(packages.length / PACKAGES_PER_JOB));
  const payloads = Array.from({ length: jobs }, (_, k) => ({
    osvIds: osvIds.slice(k * IDS_PER_JOB, (k + 1) * IDS_PER_JOB),
    packages: packages.slice(k * PACKAGES_PER_JOB, (k + 1) * PACKAGES_PER_JOB),
  }));
  await repos.jobs.enqueueMany('sbom.reverse-match', payloads);
}

/** Well inside the job payload's limits (packages/contract/src/jobs/jobs.ts). */
const IDS_PER_JOB = 5_000;
const PACKAGES_PER_JOB = 20_000;
