import type { FindingIdentity, ImportedFindingRow, Repositories, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { feedPostedEvent } from '../feed/feed-events.ts';
import { ParseError, parserForScanType, type ParsedFinding, type Parser } from '@vigil/parsers';
import { AppError } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { SEVERITY_ORDER, todayUtc } from '../sla/sla.ts';
import type { ArtifactStore } from '../artifact/artifact-store.ts';
import { computeHashCode } from './hash-code.ts';
import { DEFAULT_DEDUP_SETTINGS, identityFingerprint, identityFor, type DedupSettings } from './dedup-settings.ts';
import { CrossToolIndex } from './cross-tool-matching.ts';
import { draftRow, locationsOf, type DraftRow } from './finding-rows.ts';
import { OriginalIndex, originalsFrom, usesHash, usesUid } from './deduplication.ts';
import { planReimport } from './reimport-plan.ts';
import { resolveImportTarget, type ImportTarget } from './import-context.ts';
import { DEFAULT_IMPORT_LIMITS, readReport, type ImportLimits } from './report-input.ts';
import type { ImportHooks, ImportRequest, ImportResult } from './import-request.ts';
import { count, dojoBlockFromCounts, emptyDojoSeverityStatus, emptyStatistics, tally, type FindingStatus, type ImportAction } from './import-statistics.ts';

export const REIMPORT_CLOSE_NOTE = 'Mitigated by reimport';
export const IMPORT_CLOSE_NOTE = 'Mitigated by import: not in the newer report of the same scan type';

interface ParsedReport {
  parser: Parser;
  scanType: string;
  findings: ParsedFinding[];
  toolName?: string;
}

/**
 * Imports a scanner report: parse → hash → deduplicate → write, all in ONE transaction that holds
 * the product's advisory lock, so a failure writes nothing and concurrent imports into one
 * product never create two originals of the same issue. One audit entry per import.
 */
export class ImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly artifacts: ArtifactStore,
    private readonly clock: () => Date = () => new Date(),
    readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
    private readonly dedup: DedupSettings = DEFAULT_DEDUP_SETTINGS,
  ) {}

  async import(ctx: RequestContext, req: ImportRequest, hooks: ImportHooks = {}): Promise<ImportResult> {
    await this.precheckAccess(ctx, req);
    const parsed = await this.parse(req);
    await hooks.progress?.({ phase: 'parsed', findingsInReport: parsed.findings.length });
    const artifactKey = req.artifactKey ?? (await this.artifacts.put(req.report));
    const now = this.clock();
    await hooks.progress?.({ phase: 'writing', findingsInReport: parsed.findings.length });
    return this.uow.transaction(async (repos) => {
      await hooks.begin?.(repos);
      const target = await resolveImportTarget(repos, new AccessService(repos), ctx, req, now);
      const result = await this.write(repos, ctx, req, parsed, target, artifactKey, now);
      await hooks.commit?.(repos, result);
      return result;
    });
  }

  /** Re-parses a test's stored report (after a parser upgrade): a reimport into the same test. */
  async reprocess(ctx: RequestContext, testId: number): Promise<ImportResult> {
    const last = await this.uow.repos.imports.latestImport(testId);
    if (!last?.artifact_key) throw new AppError('NOT_FOUND', `Test ${testId} has no stored report to reprocess`);
    const report = await this.artifacts.get(last.artifact_key);
    return this.import(ctx, { mode: 'reimport', testId, scanType: last.scan_type, report, artifactKey: last.artifact_key, closeOldFindings: true });
  }

  /**
   * Refuses a caller without import rights on an existing target before the report is parsed, so
   * parse errors are not shown to whoever cannot import there (checked again in the transaction).
   */
  async precheckAccess(ctx: RequestContext, req: ImportRequest): Promise<void> {
    const access = new AccessService(this.uow.repos);
    if (req.testId !== undefined) {
      const test = await this.uow.repos.tests.findById(req.testId);
      if (!test) throw new AppError('NOT_FOUND', `Test ${req.testId} was not found`);
      await access.require(ctx.actor, { productId: test.product_id }, 'import', 'test', 'Test', test.id);
    } else if (req.engagementId !== undefined) {
      const engagement = await this.uow.repos.engagements.findById(req.engagementId);
      if (!engagement) throw new AppError('NOT_FOUND', `Engagement ${req.engagementId} was not found`);
      await access.require(ctx.actor, { productId: engagement.product_id }, 'import', 'engagement', 'Engagement', engagement.id);
    }
  }

  private async parse(req: ImportRequest): Promise<ParsedReport> {
    const parser = parserForScanType(req.scanType);
    if (!parser) {
      throw new AppError('BAD_REQUEST', `Unknown scan type "${req.scanType.slice(0, 100)}"; GET /api/v2/test_types/ (or /api/v1/import/scan-types) lists the valid names`, [
        { path: 'scan_type', message: 'unknown scan type' },
      ]);
    }
    const scanType = parser.scanTypes.find((t) => t.toLowerCase() === req.scanType.trim().toLowerCase()) ?? req.scanType;
    const bytes = readReport(req.report, this.limits);
    try {
      const result = await parser.parse(bytes, { scanType, filename: req.filename });
      const min = req.minimumSeverity ? SEVERITY_ORDER[req.minimumSeverity] : 4;
      const findings = result.findings.filter((f) => (SEVERITY_ORDER[f.severity] ?? 4) <= min);
      return { parser, scanType, findings, toolName: result.toolName };
    } catch (err) {
      if (err instanceof ParseError) {
        const where = err.position ? ` (${describePosition(err.position)})` : '';
        throw new AppError('BAD_REQUEST', `${scanType} report could not be parsed${where}: ${err.message}`, { position: err.position ?? null });
      }
      if (err instanceof AppError) throw err;
      throw new AppError('BAD_REQUEST', `${scanType} report could not be parsed: ${(err as Error).message}`, { position: null });
    }
  }

  private async write(repos: Repositories, ctx: RequestContext, req: ImportRequest, p: ParsedReport, target: ImportTarget, artifactKey: string, now: Date): Promise<ImportResult> {
    const mode = target.testId === undefined ? 'import' : 'reimport';
    const testId = target.testId ?? (await this.createTest(repos, req, p, target, now));
    const before = dojoBlockFromCounts(mode === 'reimport' ? await repos.imports.testStatistics(testId) : []);
    const identity = identityFor(p.parser, p.scanType, this.dedup);
    const { algorithm, hashFields: fields } = identity;
    await repos.deduplication.recordIdentity(p.scanType, identityFingerprint(identity), true);
    const userId = ctx.actor.userId || null;
    const sla = await repos.slaConfigurations.forProduct(target.productId);
    const rowContext = {
      testId,
      engagementId: target.engagement.id,
      productId: target.productId,
      defaultDate: req.scanDate ?? todayUtc(now),
      now,
      reporterId: userId,
      active: req.active,
      verified: req.verified,
      findingTags: req.applyTagsToFindings ? (req.tags ?? []) : [],
      sla,
    };
    const drafts = p.findings.map((f) => draftRow(f, computeHashCode(f, fields), rowContext));

    const statistics = emptyStatistics();
    const delta = { created: emptyDojoSeverityStatus(), closed: emptyDojoSeverityStatus(), reactivated: emptyDojoSeverityStatus(), untouched: emptyDojoSeverityStatus() };
    const record = (action: ImportAction, f: FindingStatus) => {
      count(statistics[action], f.severity);
      tally(delta[action], f);
    };

    let toCreate = drafts.map((_, i) => i);
    let toClose: FindingIdentity[] = [];
    let closeNote = REIMPORT_CLOSE_NOTE;
    if (mode === 'reimport') {
      const existing = await repos.imports.findingsOfTest(testId);
      const incoming = drafts.map((d) => ({ hash: d.hash_code, uid: d.unique_id_from_tool, closedByReport: d.is_mitigated || d.false_p }));
      const plan = planReimport(existing, incoming, algorithm, { doNotReactivate: req.doNotReactivate ?? false, closeOldFindings: req.closeOldFindings ?? true });
      toCreate = plan.create;
      await repos.imports.setStatus(plan.reactivate.map((f) => f.id), 'reactivate', now, userId);
      for (const f of plan.reactivate) record('reactivated', { ...f, active: true, is_mitigated: false });
      for (const f of plan.untouched) record('untouched', f);
      toClose = [...plan.close, ...plan.missing];
      await repos.imports.addNotes(plan.missing.map((f) => f.id), REIMPORT_CLOSE_NOTE, userId, now);
    } else if (req.closeOldFindings) {
      const scope = req.closeOldFindingsProductScope ? { productId: target.productId } : { engagementId: target.engagement.id };
      const open = await repos.imports.openFindingsOfScanType(scope, p.scanType, testId);
      const present = new Set(drafts.map((d) => d.hash_code));
      toClose = open.filter((f) => !f.hash_code || !present.has(f.hash_code));
      closeNote = IMPORT_CLOSE_NOTE;
      await repos.imports.addNotes(toClose.map((f) => f.id), closeNote, userId, now);
    }
    await repos.imports.setStatus(toClose.map((f) => f.id), 'close', now, userId);
    for (const f of toClose) record('closed', { ...f, active: false, is_mitigated: true });

    const created = await this.createFindings(repos, req, target, drafts, toCreate, algorithm);
    await repos.imports.insertLocations(created.flatMap(({ row, index }) => locationsOf(p.findings[index], row.id)));
    for (const { row } of created) {
      record('created', row);
      if (row.duplicate) count(statistics.duplicates, row.severity);
    }

    const after = dojoBlockFromCounts(await repos.imports.testStatistics(testId));
    const dojo = { before, delta, after };
    const importRow = await repos.imports.recordImport({ test_id: testId, kind: mode, scan_type: p.scanType, stats: { statistics, ...dojo }, artifact_key: artifactKey, actor_id: userId });
    await audit(repos, ctx, mode, 'test', testId, undefined, {
      scanType: p.scanType,
      importId: importRow.id,
      artifactKey,
      findingsInReport: drafts.length,
      statistics: Object.fromEntries(Object.entries(statistics).map(([k, v]) => [k, v.total])),
      ...(req.service ? { service: req.service } : {}),
    });
    await publish(repos, {
      type: 'scan.imported',
      topics: [topic.product(target.productId)],
      actorId: userId,
      payload: {
        importId: importRow.id,
        mode,
        scanType: p.scanType,
        testId,
        engagementId: target.engagement.id,
        productId: target.productId,
        findingsInReport: drafts.length,
        statistics,
        createdFindingIds: created.filter(({ row }) => !row.duplicate).map(({ row }) => row.id),
        pushToJira: req.pushToJira === true,
        groupBy: req.groupBy ?? null,
      },
    });
    // The team feed's automatic post, committed with the import itself.
    const product = await repos.products.findById(target.productId);
    const post = await repos.feed.insertPost({
      productId: target.productId,
      text: `${mode === 'reimport' ? 'Reimported' : 'Imported'} ${drafts.length} findings (${statistics.created.total} new) from ${p.scanType} into ${product?.name ?? `product ${target.productId}`}`,
    });
    await publish(repos, feedPostedEvent(post));
    return {
      importId: importRow.id,
      mode,
      scanType: p.scanType,
      testId,
      engagementId: target.engagement.id,
      productId: target.productId,
      productTypeId: target.productTypeId,
      artifactKey,
      findingsInReport: drafts.length,
      statistics,
      dojo,
    };
  }

  private async createTest(repos: Repositories, req: ImportRequest, p: ParsedReport, target: ImportTarget, now: Date): Promise<number> {
    const test = await repos.tests.insert({
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
   * Inserts the new findings with their duplicate status: a finding matching an original in scope
   * (product, or engagement with deduplication_on_engagement) becomes an inactive duplicate of the
   * oldest one; the same issue twice in one report duplicates its first occurrence.
   */
  private async createFindings(repos: Repositories, req: ImportRequest, target: ImportTarget, drafts: DraftRow[], indexes: number[], algorithm: Parser['dedup']['algorithm']) {
    if (indexes.length === 0) return [];
    const onEngagement = req.deduplicationOnEngagement ?? target.engagement.deduplication_on_engagement;
    const scope = onEngagement ? { engagementId: target.engagement.id } : { productId: target.productId };
    const chosen = indexes.map((i) => drafts[i]);
    const hashes = usesHash(algorithm) ? [...new Set(chosen.map((d) => d.hash_code!))] : [];
    const uids = usesUid(algorithm) ? [...new Set(chosen.map((d) => d.unique_id_from_tool).filter((u): u is string => !!u))] : [];
    const stored = originalsFrom(await repos.imports.candidates(scope, hashes, uids), algorithm);
    const crossTool = this.dedup.crossToolMatching ? await CrossToolIndex.load(repos, scope, chosen) : undefined;
    const inReport = new OriginalIndex<{ id: number }>(algorithm);
    const ids = await repos.imports.allocateFindingIds(indexes.length);
    const out: Array<{ row: ImportedFindingRow; index: number }> = [];
    indexes.forEach((index, k) => {
      const d = drafts[index];
      const identity = { hash: d.hash_code, uid: d.unique_id_from_tool };
      const open = !d.is_mitigated;
      const original = stored.match(identity, open) ?? inReport.match(identity, open) ?? crossTool?.match(d, open);
      const row: ImportedFindingRow = { ...d, id: ids[k], duplicate: !!original, duplicate_finding_id: original?.id ?? null };
      if (original) row.active = false;
      else inReport.add(identity, { id: row.id }, d.is_mitigated);
      out.push({ row, index });
    });
    await repos.imports.insertFindings(out.map((o) => o.row));
    return out;
  }
}

function describePosition(p: NonNullable<ParseError['position']>): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.column !== undefined) parts.push(`column ${p.column}`);
  if (p.offset !== undefined && p.line === undefined) parts.push(`byte ${p.offset}`);
  if (p.path) parts.push(`at ${p.path}`);
  return parts.join(', ');
}
