import type { FastifyInstance } from 'fastify';
import { AppError, presentImport, type ImportRequest } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { fieldsObject, readUploadedForm } from './multipart-form.ts';
import { ZImportForm, parseForm, type ImportForm } from './import.schemas.ts';


/** Vigil's import API: upload a report (multipart) into an engagement, or reimport into a test. */
export function importRoutes(app: FastifyInstance, s: Services): void {
  const tags = ['import'];
  app.post(
    '/api/v1/import',
    { schema: { tags, consumes: ['multipart/form-data'], description: 'Import (or, with testId/reimport, reimport) a scan report. See docs/import.md.' } },
    async (req, reply) => {
      const form = await readUploadedForm(req, 'file', s.imports.limits.maxBytes);
      const f = parseForm(ZImportForm, fieldsObject(form, ['tags']));
      if (!form.file) throw new AppError('VALIDATION_FAILED', 'The report is missing: send it in the "file" part', [{ path: 'file', message: 'required' }]);
      const result = await s.imports.import(ctx(req), toRequest(f, form.file));
      return reply.status(201).send(presentImport(result));
    },
  );
  app.get('/api/v1/import/scan-types', { schema: { tags, description: 'The scan-type names import accepts.' } }, async () => ({
    items: s.dojoReads.testTypes().map((t) => ({ name: t.name, parser: t.parser.id, description: t.parser.description, fileTypes: t.parser.fileTypes })),
  }));
}

function toRequest(f: ImportForm, file: { filename: string; bytes: Buffer }): ImportRequest {
  return {
    mode: f.testId !== undefined || f.reimport ? 'reimport' : 'import',
    scanType: f.scanType,
    report: file.bytes,
    filename: file.filename,
    testId: f.testId,
    engagementId: f.engagementId,
    productTypeName: f.productTypeName,
    productName: f.productName,
    engagementName: f.engagementName,
    autoCreateContext: f.autoCreateContext,
    scanDate: f.scanDate,
    minimumSeverity: f.minimumSeverity,
    active: f.active,
    verified: f.verified,
    closeOldFindings: f.closeOldFindings,
    deduplicationOnEngagement: f.deduplicationOnEngagement,
    doNotReactivate: f.doNotReactivate,
    tags: f.tags,
    applyTagsToFindings: f.applyTagsToFindings,
    environment: f.environment,
    version: f.version,
    buildId: f.buildId,
    branchTag: f.branchTag,
    commitHash: f.commitHash,
    testTitle: f.testTitle,
    pushToJira: f.pushToJira,
    groupBy: f.groupBy,
  };
}
