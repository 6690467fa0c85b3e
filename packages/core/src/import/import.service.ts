import { createReadStream } from 'node:fs';
import type { Repositories, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { ParseError, type ParsedFinding, type Parser } from '@vigil/parsers';
import { resolveScanType } from './scan-type.ts';
import { AppError } from '../errors/app-error.ts';
import { notFound } from '../errors/app-error.ts';
import { EngagementPolicy } from '../engagement/engagement.policy.ts';
import { TestPolicy } from '../test/test.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { SEVERITY_ORDER } from '../sla/sla.ts';
import type { ArtifactStore } from '../artifact/artifact-store.ts';
import { DEFAULT_DEDUP_SETTINGS, type DedupSettings } from './dedup-settings.ts';
import { resolveImportTarget, type ImportTarget } from './import-context.ts';
import {
  DEFAULT_IMPORT_BATCH,
  DEFAULT_IMPORT_LIMITS,
  openReport,
  type ImportLimits,
  type OpenedReport,
} from './report-input.ts';
import type { ImportProgress, ImportRequest, ImportResult } from './import-request.ts';
import { dojoBlockFromCounts } from './import-statistics.ts';
import { ImportWriter, type ParsedReport } from './import-writer.ts';

export { IMPORT_CLOSE_NOTE, REIMPORT_CLOSE_NOTE } from './import-writer.ts';

/** Slices of an in-memory report fed to a streaming parser. */
const SLICE = 1024 * 1024;

/**
 * An import checked, parsed (or opened, when streamed) and stored, waiting for its transaction.
 * A streamed report's findings are read while they are written: write it once.
 */
export interface PreparedImport {
  ctx: RequestContext;
  req: ImportRequest;
  report: ParsedReport & { knownCount?: number };
  artifactKey: string;
  now: Date;
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

  private get batchSize(): number {
    return this.limits.batchSize ?? DEFAULT_IMPORT_BATCH;
  }

  /** Imports a report in a transaction of its own. */
  async import(ctx: RequestContext, req: ImportRequest): Promise<ImportResult> {
    const prepared = await this.prepare(ctx, req);
    return this.uow.transaction((repos) => this.write(repos, prepared));
  }

  /**
   * Everything an import does before its transaction: the access pre-check, parsing (a streamed
   * report is opened and checked, and read later by `write`), storing the report. `onProgress`
   * hears each step. The result is for one `write`, in the transaction the caller chooses.
   */
  async prepare(
    ctx: RequestContext,
    req: ImportRequest,
    onProgress?: (p: ImportProgress) => Promise<void>,
  ): Promise<PreparedImport> {
    await this.precheckAccess(ctx, req);
    const report = await this.parse(req);
    await onProgress?.({ phase: 'parsed', findingsInReport: report.knownCount });
    const artifactKey =
      req.artifactKey ??
      (Buffer.isBuffer(req.report)
        ? await this.artifacts.put(req.report)
        : await this.artifacts.putFile(req.report!.path));
    const now = this.clock();
    await onProgress?.({ phase: 'writing', findingsInReport: report.knownCount });
    return { ctx, req, report, artifactKey, now };
  }

  /**
   * Writes a prepared import with a transaction's repositories: resolves the target (access is
   * checked again, under the product's advisory lock) and writes findings, statistics, the audit
   * entry and `scan.imported`. Whatever else the caller writes in that transaction commits with it.
   */
  async write(repos: Repositories, prepared: PreparedImport): Promise<ImportResult> {
    const { ctx, req, report, artifactKey, now } = prepared;
    const target = await resolveImportTarget(repos, ctx, req, now);
    return this.persist(repos, ctx, req, report, target, artifactKey, now);
  }

  /** Re-parses a test's stored report (after a parser upgrade): a reimport into the same test. */
  async reprocess(ctx: RequestContext, testId: number): Promise<ImportResult> {
    const last = await this.uow.repos.imports.latestImport(testId);
    if (!last?.artifact_key) throw notFound('Test', testId, `Test ${testId} has no stored report to reprocess`);
    return this.import(ctx, {
      mode: 'reimport',
      testId,
      scanType: last.scan_type,
      artifactKey: last.artifact_key,
      closeOldFindings: true,
    });
  }

  /**
   * Refuses a caller without import rights on an existing target before the report is parsed, so
   * parse errors are not shown to whoever cannot import there (checked again in the transaction).
   */
  async precheckAccess(ctx: RequestContext, req: ImportRequest): Promise<void> {
    if (req.testId !== undefined) {
      const test = await this.uow.repos.tests.findById(req.testId);
      if (!test) throw notFound('Test', req.testId);
      await new TestPolicy(this.uow.repos).authorize(ctx.actor, 'import', test);
    } else if (req.engagementId !== undefined) {
      const engagement = await this.uow.repos.engagements.findById(req.engagementId);
      if (!engagement) throw notFound('Engagement', req.engagementId);
      await new EngagementPolicy(this.uow.repos).authorize(ctx.actor, 'import', engagement);
    }
  }

  /**
   * Opens the report and checks it is well-formed: a large SARIF or Trivy report is streamed
   * (its findings are read batch by batch inside the transaction), anything else parsed whole.
   */
  private async parse(req: ImportRequest): Promise<ParsedReport & { knownCount?: number }> {
    const { parser, scanType } = resolveScanType(req.scanType);
    const opened = await this.open(req, parser);
    const min = req.minimumSeverity ? SEVERITY_ORDER[req.minimumSeverity] : 4;
    const wanted = (f: ParsedFinding) => (SEVERITY_ORDER[f.severity] ?? 4) <= min;
    const context = { scanType, filename: req.filename };
    if (opened.source) {
      const streamed = await asBadRequest(scanType, () => parser.stream!(opened.source, context));
      return {
        parser,
        scanType,
        toolName: streamed.toolName,
        batches: filtered(scanType, streamed.batches, wanted, this.batchSize),
      };
    }
    const result = await asBadRequest(scanType, async () => parser.parse(opened.bytes, context));
    const findings = result.findings.filter(wanted);
    return {
      parser,
      scanType,
      toolName: result.toolName,
      batches: slices(findings, this.batchSize),
      knownCount: findings.length,
    };
  }

  /** The report from the request (bytes or a spooled file) or from the artifact store. */
  private async open(req: ImportRequest, parser: Parser): Promise<OpenedReport> {
    const canStream = parser.stream !== undefined;
    if (Buffer.isBuffer(req.report)) {
      const bytes = req.report;
      // A turn of the event loop per slice, as reading a file gives: parsing an in-memory report
      // must not hold back the import's database answers (it runs beside the writes).
      return openReport(
        async function* () {
          for (let at = 0; at < bytes.length; at += SLICE) {
            if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
            yield bytes.subarray(at, at + SLICE);
          }
        },
        bytes.length,
        this.limits,
        canStream,
      );
    }
    if (req.report) {
      const { path, size } = req.report;
      return openReport(() => createReadStream(path, { highWaterMark: SLICE }), size, this.limits, canStream);
    }
    if (!req.artifactKey) throw new AppError('BAD_REQUEST', 'The report is missing');
    const key = req.artifactKey;
    return openReport(() => this.artifacts.open(key), await this.artifacts.size(key), this.limits, canStream);
  }

  private async persist(
    repos: Repositories,
    ctx: RequestContext,
    req: ImportRequest,
    p: ParsedReport,
    target: ImportTarget,
    artifactKey: string,
    now: Date,
  ): Promise<ImportResult> {
    const before = dojoBlockFromCounts(
      target.testId !== undefined ? await repos.imports.testStatistics(target.testId) : [],
    );
    const userId = ctx.actor.userId || null;
    const w = await new ImportWriter(repos, req, target, this.dedup, now, userId).write(p);
    const { testId, mode, statistics, findingsInReport } = w;
    const after = dojoBlockFromCounts(await repos.imports.testStatistics(testId));
    const dojo = { before, delta: w.delta, after };
    const importRow = await repos.imports.recordImport({
      test_id: testId,
      kind: mode,
      scan_type: p.scanType,
      stats: { statistics, ...dojo, truncated: w.truncated },
      artifact_key: artifactKey,
      actor_id: userId,
    });
    await audit(repos, ctx, mode, 'test', testId, undefined, {
      scanType: p.scanType,
      importId: importRow.id,
      artifactKey,
      findingsInReport,
      statistics: Object.fromEntries(Object.entries(statistics).map(([k, v]) => [k, v.total])),
      ...(w.truncated.findings ? { truncated: w.truncated } : {}),
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
        findingsInReport,
        statistics,
        // Counts and a cursor, never the ids themselves (100,000 on a large import): see createdFindingIds.
        created: createdRange(w.createdOriginalIds),
        pushToJira: req.pushToJira === true,
        groupBy: req.groupBy ?? null,
      },
    });
    // The team feed's automatic post is written from this event by the `feed` consumer (feed/import-feed.consumer.ts).
    return {
      importId: importRow.id,
      mode,
      scanType: p.scanType,
      testId,
      engagementId: target.engagement.id,
      productId: target.productId,
      productTypeId: target.productTypeId,
      artifactKey,
      findingsInReport,
      statistics,
      dojo,
      truncated: w.truncated,
    };
  }
}

/** The created originals as `scan.imported` carries them: how many, and the id range they were drawn in. */
function createdRange(ids: number[]): { count: number; firstId: number | null; lastId: number | null } {
  let firstId: number | null = null;
  let lastId: number | null = null;
  for (const id of ids) {
    if (firstId === null || id < firstId) firstId = id;
    if (lastId === null || id > lastId) lastId = id;
  }
  return { count: ids.length, firstId, lastId };
}

/** A parser's errors as the 400 the caller sees, naming where parsing stopped. */
async function asBadRequest<T>(scanType: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ParseError) {
      const where = err.position ? ` (${describePosition(err.position)})` : '';
      throw new AppError('BAD_REQUEST', `${scanType} report could not be parsed${where}: ${err.message}`, {
        position: err.position ?? null,
      });
    }
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_REQUEST', `${scanType} report could not be parsed: ${(err as Error).message}`, {
      position: null,
    });
  }
}

/** A streamed report's findings above the minimum severity, in batches of about `size`. */
async function* filtered(
  scanType: string,
  batches: AsyncIterable<ParsedFinding[]>,
  wanted: (f: ParsedFinding) => boolean,
  size: number,
): AsyncGenerator<ParsedFinding[]> {
  const iterator = batches[Symbol.asyncIterator]();
  let pending: ParsedFinding[] = [];
  try {
    for (;;) {
      const next = await asBadRequest(scanType, () => iterator.next());
      if (next.done) break;
      for (const f of next.value) if (wanted(f)) pending.push(f);
      if (pending.length >= size) {
        yield pending;
        pending = [];
      }
    }
    if (pending.length) yield pending;
  } finally {
    await iterator.return?.(); // closes the report file when the import stops early
  }
}

async function* slices(findings: ParsedFinding[], size: number): AsyncGenerator<ParsedFinding[]> {
  for (let at = 0; at < findings.length; at += size) yield findings.slice(at, at + size);
}

function describePosition(p: NonNullable<ParseError['position']>): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.column !== undefined) parts.push(`column ${p.column}`);
  if (p.offset !== undefined && p.line === undefined) parts.push(`byte ${p.offset}`);
  if (p.path) parts.push(`at ${p.path}`);
  return parts.join(', ');
}
