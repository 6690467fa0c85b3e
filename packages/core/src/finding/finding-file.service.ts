import type { FindingFileRow, UnitOfWork } from '@vigil/db';
import type { FindingFile } from '@vigil/contract';
import { AppError, notFound } from '../errors/app-error.ts';
import { FindingPolicy } from './finding.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { ArtifactStore } from '../artifact/artifact-store.ts';

/** Largest file attached to a finding (screenshots, proofs of concept); documented in docs/api.md. */
export const MAX_FINDING_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_FINDING = 50;

/** Files attached to findings; bytes live in the artifact store, metadata in the database. */
export class FindingFileService {
  private readonly policy: FindingPolicy;
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ArtifactStore,
  ) {
    this.policy = new FindingPolicy(uow.repos);
  }

  private async finding(ctx: RequestContext, findingId: number, action: 'read' | 'update') {
    const finding = await this.uow.repos.findings.findById(findingId);
    if (!finding) throw notFound('Finding', findingId);
    await this.policy.authorize(ctx.actor, action, finding);
    return finding;
  }

  async list(ctx: RequestContext, findingId: number): Promise<FindingFileRow[]> {
    await this.finding(ctx, findingId, 'read');
    return this.uow.repos.findingFiles.listForFinding(findingId);
  }

  async add(
    ctx: RequestContext,
    findingId: number,
    file: { title: string; filename: string; contentType: string; bytes: Buffer },
  ): Promise<FindingFileRow> {
    await this.finding(ctx, findingId, 'update');
    if (file.bytes.length > MAX_FINDING_FILE_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `A finding file may be at most ${MAX_FINDING_FILE_BYTES / 1024 / 1024} MB`,
      );
    }
    if ((await this.uow.repos.findingFiles.listForFinding(findingId)).length >= MAX_FILES_PER_FINDING) {
      throw new AppError('CONFLICT', `A finding may hold at most ${MAX_FILES_PER_FINDING} files`);
    }
    // Content-addressed and idempotent: a row pointing at missing bytes never exists.
    const key = await this.store.put(file.bytes);
    return this.uow.transaction(async (repos) => {
      const row = await repos.findingFiles.insert({
        finding_id: findingId,
        title: file.title,
        filename: file.filename,
        content_type: file.contentType,
        size: file.bytes.length,
        storage_key: key,
        uploaded_by_id: ctx.actor.userId || null,
      });
      await audit(repos, ctx, 'create', 'finding_file', row.id, undefined, {
        findingId,
        filename: row.filename,
        size: row.size,
      });
      return row;
    });
  }

  async download(
    ctx: RequestContext,
    findingId: number,
    fileId: number,
  ): Promise<{ file: FindingFileRow; bytes: Buffer }> {
    await this.finding(ctx, findingId, 'read');
    const file = await this.uow.repos.findingFiles.findById(fileId);
    if (!file || file.finding_id !== findingId) throw notFound('File', fileId);
    return { file, bytes: await this.store.get(file.storage_key) };
  }

  async delete(ctx: RequestContext, findingId: number, fileId: number): Promise<void> {
    await this.finding(ctx, findingId, 'update');
    const file = await this.uow.repos.findingFiles.findById(fileId);
    if (!file || file.finding_id !== findingId) throw notFound('File', fileId);
    await this.uow.transaction(async (repos) => {
      await repos.findingFiles.delete(fileId);
      await audit(repos, ctx, 'delete', 'finding_file', fileId, { findingId, filename: file.filename });
    });
  }
}

export function presentFindingFile(f: FindingFileRow): FindingFile {
  return {
    id: f.id,
    findingId: f.finding_id,
    title: f.title,
    filename: f.filename,
    contentType: f.content_type,
    size: f.size,
    uploadedById: f.uploaded_by_id,
    createdAt: f.created_at.toISOString(),
  };
}
