import type { FastifyInstance } from 'fastify';
import { AppError, presentImport, presentImportRequest, type ImportRequest } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { fieldsObject, withUploadedForm, type UploadedForm } from './multipart-form.ts';
import { ZImportForm, parseForm, toImportRequest, type ImportForm } from './import.schemas.ts';
import { ZImportQuery, ZImportRequestParams } from './async-import.schemas.ts';

/** Vigil's import API: upload a report (multipart) into an engagement, or reimport into a test. */
export function importRoutes(app: FastifyInstance, s: Services): void {
  const tags = ['import'];
  app.post(
    '/api/v1/import',
    {
      config: { upload: true },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'Import (or, with testId/reimport, reimport) a scan report. With ?async=true the import runs on a worker: 202 with the request to poll. See docs/import.md and docs/jobs.md.',
      },
    },
    async (req, reply) =>
      withUploadedForm(req, 'file', s.imports.limits.maxBytes, async (form) => {
        const f = parseForm(ZImportForm, fieldsObject(form, ['tags']));
        if (!form.file)
          throw new AppError('VALIDATION_FAILED', 'The report is missing: send it in the "file" part', [
            { path: 'file', message: 'required' },
          ]);
        if (parseForm(ZImportQuery, req.query as Record<string, unknown>).async) {
          const queued = await s.asyncImports.enqueue(ctx(req), toRequest(f, form.file));
          return reply
            .status(202)
            .header('location', `/api/v1/import/requests/${queued.id}`)
            .send(presentImportRequest(queued));
        }
        const result = await s.imports.import(ctx(req), toRequest(f, form.file));
        return reply.status(201).send(presentImport(result));
      }),
  );
  app.get(
    '/api/v1/import/requests/:id',
    {
      schema: {
        tags,
        description:
          'An asynchronous import (POST /api/v1/import?async=true): queued, running, done (with statistics) or failed (with the error).',
      },
    },
    async (req) =>
      presentImportRequest(
        await s.asyncImports.get(ctx(req), parseForm(ZImportRequestParams, req.params as Record<string, unknown>).id),
      ),
  );
  app.get(
    '/api/v1/import/scan-types',
    { schema: { tags, description: 'The scan-type names import accepts.' } },
    async () => ({
      items: s.dojoReads.testTypes().map((t) => ({
        name: t.name,
        parser: t.parser.id,
        description: t.parser.description,
        fileTypes: t.parser.fileTypes,
      })),
    }),
  );
}

/** A v1 form names its mode by `testId`/`reimport`; the rest is the same mapping as DefectDojo's. */
function toRequest({ reimport, ...fields }: ImportForm, file: NonNullable<UploadedForm['file']>): ImportRequest {
  return toImportRequest(fields.testId !== undefined || reimport ? 'reimport' : 'import', fields, file);
}
