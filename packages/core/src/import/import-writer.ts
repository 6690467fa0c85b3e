import type { FindingIdentity, ImportedFindingRow, Repositories } from '@vigil/db';
import type { ParsedFinding, Parser } from '@vigil/parsers';
import { todayUtc } from '../sla/sla.ts';
import { computeHashCode } from './hash-code.ts';
import { identityFingerprint, identityFor, type DedupSettings } from './dedup-settings.ts';
import { CrossToolIndex } from './cross-tool-matching.ts';
import { draftRow, locationsOf, type DraftRow, type RowContext } from './finding-rows.ts';
import { originalsFrom, usesHash, usesUid } from './deduplication.ts';
import { ReimportMatcher } from './reimport-plan.ts';
import { capFinding, noTruncations, type Truncations } from './imported-text.ts';
import type { ImportTarget } from './import-context.ts';
import type { ImportRequest } from './import-request.ts';
import {
  count,
  emptyDojoSeverityStatus,
  emptyStatistics,
  tally,
  type FindingStatus,
  type ImportAction,
  type ImportStatistics,
} from './import-statistics.ts';

export const REIMPORT_CLOSE_NOTE = 'Mitigated by reimport';
export const IMPORT_CLOSE_NOTE = 'Mitigated by import: not in the newer report of the same scan type';

/** A parsed report as the writer reads it: findings in batches (already filtered by minimum severity). */
export interface ParsedReport {
  /** Only its deduplication identity is read (SBOM matching writes through here with no parser). */
  parser: Pick<Parser, 'dedup'>;
  scanType: string;
  toolName?: string;
  batches: AsyncIterable<ParsedFinding[]>;
}

export interface WrittenFindings {
  testId: number;
  mode: 'import' | 'reimport';
  findingsInReport: number;
  statistics: ImportStatistics;
  delta: Record<ImportAction, ReturnType<typeof emptyDojoSeverityStatus>>;
  /** Ids of the created findings that are not duplicates. */
  createdOriginalIds: number[];
  /** What was cut to the finding fields' limits. */
  truncated: Truncations;
}

/**
 * Writes one import inside its transaction, a batch of findings at a time: hash → match against
 * the test (reimport) → deduplicate against stored originals and the report's earlier findings →
 * insert. Only identities (hash, unique id, id) outlive a batch, so memory follows the batch
 * size, not the report size. The caller's transaction makes the whole import atomic.
 */
export class ImportWriter {
  private readonly statistics = emptyStatistics();
  private readonly delta = {
    created: emptyDojoSeverityStatus(),
    closed: emptyDojoSeverityStatus(),
    reactivated: emptyDojoSeverityStatus(),
    untouched: emptyDojoSeverityStatus(),
  };
  private readonly createdOriginalIds: number[] = [];
  private findingsInReport = 0;
  private readonly truncated = noTruncations();
  /** Findings of this import have ids at or above this (cross-tool matching looks only below it). */
  private firstNewId: number | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly req: ImportRequest,
    private readonly target: ImportTarget,
    private readonly dedup: DedupSettings,
    private readonly now: Date,
    private readonly userId: number | null,
  ) {}

  async write(p: ParsedReport): Promise<WrittenFindings> {
    const { repos, req, target, now, userId } = this;
    const mode = target.testId === undefined ? 'import' : 'reimport';
    const testId = target.testId ?? (await this.createTest(p));
    const identity = identityFor(p.parser, p.scanType, this.dedup);
    const { algorithm, hashFields } = identity;
    await repos.deduplication.recordIdentity(p.scanType, identityFingerprint(identity), true);
    const rowContext: RowContext = {
      testId,
      engagementId: target.engagement.id,
      productId: target.productId,
      defaultDate: req.scanDate ?? todayUtc(now),
      now,
      reporterId: userId,
      active: req.active,
      verified: req.verified,
      findingTags: req.applyTagsToFindings ? (req.tags ?? []) : [],
      sla: await repos.slaConfigurations.forProduct(target.productId),
    };
    const matcher =
      mode === 'reimport'
        ? new ReimportMatcher(await repos.imports.findingsOfTest(testId), algorithm, {
            doNotReactivate: req.doNotReactivate ?? false,
            closeOldFindings: req.closeOldFindings ?? true,
          })
        : undefined;
    const closesOld = mode === 'import' && req.closeOldFindings === true;

    // The next batch is parsed, hashed and (on import) readied for its insert (its COPY text)
    // while the database writes this one: PostgreSQL runs in its own process, so the two overlap
    // on separate cores. A reimport's drafts are not readied: most of them match and are not
    // inserted. The repository readies the transaction first (how the findings go in).
    await repos.imports.beginImport();
    const prepared = readAhead(p.batches, async (findings) => {
      const drafts: DraftRow[] = [];
      const insert = matcher ? undefined : repos.imports.prepareFindings();
      // A slice at a time, letting I/O in between: the answer of the database's current statement
      // is handled (and its next statement sent) within a slice's time, not a batch's.
      for (let at = 0; at < findings.length; at += PREPARE_SLICE) {
        if (at > 0) await nextMacrotask();
        // Cut to the fields' limits before hashing, so a re-hash of the stored fields agrees.
        for (let k = at; k < Math.min(findings.length, at + PREPARE_SLICE); k++)
          findings[k] = capFinding(findings[k], this.truncated);
        const slice = findings
          .slice(at, at + PREPARE_SLICE)
          .map((f) => draftRow(f, computeHashCode(f, hashFields), rowContext));
        insert?.add(slice);
        drafts.push(...slice);
      }
      return { findings, drafts, insert };
    });
    for await (const { findings, drafts, insert } of prepared) {
      this.findingsInReport += findings.length;
      let toCreate = drafts.map((_, i) => i);
      if (matcher) {
        const plan = matcher.match(
          drafts.map((d) => ({
            hash: d.hash_code,
            uid: d.unique_id_from_tool,
            closedByReport: d.is_mitigated || d.false_p,
          })),
        );
        toCreate = plan.create;
        await repos.imports.setStatus(
          plan.reactivate.map((f) => f.id),
          'reactivate',
          now,
          userId,
        );
        for (const f of plan.reactivate) this.record('reactivated', { ...f, active: true, is_mitigated: false });
        for (const f of plan.untouched) this.record('untouched', f);
        await this.close(plan.close);
      }
      const created = await this.createFindings(drafts, insert, toCreate, algorithm);
      await repos.imports.insertLocations(created.flatMap(({ row, index }) => locationsOf(findings[index], row.id)));
      for (const { row } of created) {
        this.record('created', row);
        if (row.duplicate) count(this.statistics.duplicates, row.severity);
        else this.createdOriginalIds.push(row.id);
      }
    }

    if (matcher) {
      const missing = matcher.missing();
      await repos.imports.addNotes(
        missing.map((f) => f.id),
        REIMPORT_CLOSE_NOTE,
        userId,
        now,
      );
      await this.close(missing);
    } else if (closesOld) {
      const scope = req.closeOldFindingsProductScope
        ? { productId: target.productId }
        : { engagementId: target.engagement.id };
      const gone = await repos.imports.openFindingsOfScanType(scope, p.scanType, testId, { absentFromTest: testId });
      await repos.imports.addNotes(
        gone.map((f) => f.id),
        IMPORT_CLOSE_NOTE,
        userId,
        now,
      );
      await this.close(gone);
    }
    return {
      testId,
      mode,
      findingsInReport: this.findingsInReport,
      statistics: this.statistics,
      delta: this.delta,
      createdOriginalIds: this.createdOriginalIds,
      truncated: this.truncated,
    };
  }

  private record(action: ImportAction, f: FindingStatus): void {
    count(this.statistics[action], f.severity);
    tally(this.delta[action], f);
  }

  private async close(findings: FindingIdentity[]): Promise<void> {
    await this.repos.imports.setStatus(
      findings.map((f) => f.id),
      'close',
      this.now,
      this.userId,
    );
    for (const f of findings) this.record('closed', { ...f, active: false, is_mitigated: true });
  }

  private async createTest(p: ParsedReport): Promise<number> {
    const { req, target, now } = this;
    const test = await this.repos.tests.insert({
      engagement_id: target.engagement.id,
      scan_type: p.scanType,
      title: req.testTitle ?? p.toolName ?? null,
      environment: req.environment ?? 'Development',
      target_start: now,
      target_end: now,
      version: req.version ?? null,
      build_id: req.buildId ?? null,
      commit_hash: req.commitHash ?? null,
      branch_tag: req.branchTag ?? null,
      lead_id: null,
      tags: req.tags ?? [],
    });
    return test.id;
  }

  /**
   * Inserts a batch's new findings with their duplicate status: a finding matching an original in
   * scope (product, or engagement with deduplication_on_engagement) becomes an inactive duplicate
   * of the oldest one. The stored originals include this import's earlier batches, so the same
   * issue twice in one report duplicates its first occurrence without an index of the whole
   * report in memory (ids grow with insertion, so "oldest" still prefers what was stored before).
   */
  private async createFindings(
    drafts: DraftRow[],
    insert: PreparedInsert | undefined,
    indexes: number[],
    algorithm: Parser['dedup']['algorithm'],
  ) {
    if (indexes.length === 0) return [];
    const { repos, req, target } = this;
    const onEngagement = req.deduplicationOnEngagement ?? target.engagement.deduplication_on_engagement;
    const scope = onEngagement ? { engagementId: target.engagement.id } : { productId: target.productId };
    const chosen = indexes.map((i) => drafts[i]);
    const hashes = usesHash(algorithm) ? [...new Set(chosen.map((d) => d.hash_code!))] : [];
    const uids = usesUid(algorithm)
      ? [...new Set(chosen.map((d) => d.unique_id_from_tool).filter((u): u is string => !!u))]
      : [];
    const { ids, candidates } = await repos.imports.reserveIdsWithCandidates(indexes.length, scope, hashes, uids);
    this.firstNewId ??= ids[0];
    const originals = originalsFrom(candidates, algorithm);
    const crossTool = this.dedup.crossToolMatching
      ? await CrossToolIndex.load(repos, scope, chosen, this.firstNewId)
      : undefined;
    const out: Array<{ row: ImportedFindingRow; index: number }> = [];
    const outcomes: Array<{ index: number; id: number; active: boolean; duplicateOf: number | null }> = [];
    indexes.forEach((index, k) => {
      const d = drafts[index];
      const identity = { hash: d.hash_code, uid: d.unique_id_from_tool };
      const open = !d.is_mitigated;
      const original = originals.match(identity, open) ?? crossTool?.match(d, open);
      // The draft becomes the row (no copy of it): it is not read as a draft again.
      const row: ImportedFindingRow = Object.assign(d, {
        id: ids[k],
        duplicate: !!original,
        duplicate_finding_id: original?.id ?? null,
        active: original ? false : d.active,
      });
      if (!original) originals.add(identity, row, d.is_mitigated);
      out.push({ row, index });
      outcomes.push({ index, id: row.id, active: row.active, duplicateOf: row.duplicate_finding_id });
    });
    if (insert) await repos.imports.insertPreparedFindings(insert, outcomes);
    else await repos.imports.insertFindings(out.map((o) => o.row));
    return out;
  }
}

type PreparedInsert = ReturnType<Repositories['imports']['prepareFindings']>;

/** Findings drafted (hashed, their COPY text built) between two turns of the event loop: about 5 ms of work. */
const PREPARE_SLICE = 500;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Maps a source's items, keeping one item ahead: the following item is requested (and its work
 * done) while the consumer is busy with the current one. Errors surface where they would have.
 */
async function* readAhead<T, U>(source: AsyncIterable<T>, map: (item: T) => U | Promise<U>): AsyncGenerator<U> {
  const iterator = source[Symbol.asyncIterator]();
  const fetch = () => iterator.next().then(async (r) => (r.done ? undefined : { value: await map(r.value) }));
  let next = fetch();
  try {
    for (;;) {
      const current = await next;
      if (!current) return;
      next = fetch();
      next.catch(() => undefined); // awaited (and thrown) on the next turn, or abandoned with the import
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
